// The walk of every organisation that the jobs make outside any request (repositories/organisation-walk.ts: the
// account sweeper's reconciliation, the patient search-key backfill), against DynamoDB Local's GSI1: it crosses the 8
// list shards and the former partition one after the other, visits each organisation once whatever its page size,
// and a cursor written before the shards restarts it. On a table of its own, so that it sees only these organisations.
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEGACY_ORGANISATIONS_GSI1PK, ORGANISATION_LIST_SHARDS, organisationListShard } from '#domain/platform';
import { dynamoClient, ensureTable } from '#local/bootstrap';
import { stack } from '#test/api';
import { dynamo } from '#test/emulators';

const TABLE = `walk-${randomUUID().slice(0, 8)}`;
let organisationsPage: typeof import('#repositories/organisation-walk').organisationsPage;

/** Two organisations in every shard, and two still under the former partition (as before the backfill). */
const byShard = new Map<number, string[]>();
const legacy = [randomUUID(), randomUUID()];
const createdAt = (index: number) => `2026-12-07T10:${String(index % 60).padStart(2, '0')}:00.000Z`;

beforeAll(async () => {
  Object.assign(process.env, {
    AWS_REGION: stack().region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    TABLE_NAME: TABLE,
    DYNAMODB_ENDPOINT: stack().dynamoEndpoint,
  });
  await ensureTable(dynamoClient(stack().dynamoEndpoint), TABLE);
  while ([...byShard.values()].filter((ids) => ids.length >= 2).length < ORGANISATION_LIST_SHARDS) {
    const id = randomUUID();
    const ids = byShard.get(organisationListShard(id)) ?? [];
    if (ids.length < 2) byShard.set(organisationListShard(id), [...ids, id]);
  }
  const put = (id: string, gsi1pk: string, index: number) =>
    dynamo().send(
      new PutCommand({
        TableName: TABLE,
        Item: { pk: `ORG#${id}`, sk: 'ORGANISATION', gsi1pk, gsi1sk: `${createdAt(index)}#${id}`, type: 'Organisation', id },
      }),
    );
  let index = 0;
  for (const [shard, ids] of byShard) for (const id of ids) await put(id, `${LEGACY_ORGANISATIONS_GSI1PK}#${shard}`, index++);
  for (const id of legacy) await put(id, LEGACY_ORGANISATIONS_GSI1PK, index++);
  ({ organisationsPage } = await import('#repositories/organisation-walk'));
});

afterAll(async () => {
  await dynamoClient(stack().dynamoEndpoint).send(new DeleteTableCommand({ TableName: TABLE }));
});

async function walk(limit: number, from?: string): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor = from;
  let pages = 0;
  for (;;) {
    const page = await organisationsPage(cursor, limit);
    pages += 1;
    ids.push(...page.ids);
    if (!page.more) return { ids, pages };
    cursor = page.sks.at(-1) ?? cursor;
    if (pages > 100) throw new Error('the walk does not end');
  }
}

describe('the walk of every organisation', () => {
  const every = () => [...[...byShard.values()].flat(), ...legacy].sort();

  it('visits every organisation of every shard and of the former partition once, one at a time', async () => {
    const { ids } = await walk(1);
    expect([...ids].sort()).toEqual(every());
  });

  it('visits each once with a page of several, across the shards', async () => {
    const { ids } = await walk(3);
    expect([...ids].sort()).toEqual(every());
  });

  it('resumes after the organisation its cursor names, in that shard', async () => {
    const first = await organisationsPage(undefined, 3);
    const rest = await walk(3, first.sks.at(-1));
    expect([...first.ids, ...rest.ids].sort()).toEqual(every());
    expect(rest.ids).not.toContain(first.ids[0]);
  });

  it('restarts at the first shard from a cursor written before the shards, so none is skipped', async () => {
    const legacyCursor = `${createdAt(17)}#${legacy[0]}`;
    const { ids } = await walk(2, legacyCursor);
    expect([...ids].sort()).toEqual(every());
  });
});
