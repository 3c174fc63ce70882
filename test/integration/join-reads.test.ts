// A join by code costs the same DynamoDB calls at 2,000 members as at 1: the request reads the code, the
// organisation and the joiner, writes one transaction, and queues the admins' notice for the mail sweeper, which
// finds its recipients through the admins' roster, never by reading every membership. Counted in a stack of its own
// by the benchmark's call counter (scripts/bench/call-counter.ts), with every sweeper off so only the request counts.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { membershipItem, rosterItem } from '#domain/membership';
import { freePort } from '#local/child-stack';
import { registerAccount } from '#test/accounts';
import { registerCabinet, stack, useStack } from '#test/api';
import { dynamo } from '#test/emulators';
import { apiFrom, newClientAddress } from '#test/registration';
import { type ChildStack, startChildStack } from '../../local/child-stack.ts';
import { batchWriteAll } from '../../scripts/batch-write.ts';

let own: ChildStack | undefined;
let counterUrl = '';

beforeAll(async () => {
  const counterPort = await freePort();
  own = await startChildStack({
    preloads: [new URL('../../scripts/bench/call-counter.ts', import.meta.url).pathname],
    env: {
      CABINET_BENCH_COUNTER_PORT: String(counterPort),
      CABINET_ACCOUNT_SWEEP_SECONDS: '0',
      CABINET_DELETION_SWEEP_SECONDS: '0',
      CABINET_MAIL_SWEEP_SECONDS: '3600',
    },
  });
  process.once('exit', () => own?.killNow());
  useStack(own.info);
  counterUrl = `http://127.0.0.1:${counterPort}/`;
}, 120_000);

afterAll(async () => {
  await own?.stop();
});

const counts = async (): Promise<Record<string, number>> => (await fetch(counterUrl)).json() as Promise<Record<string, number>>;

/** The DynamoDB calls one request made: the counter's difference around it. */
async function dynamoCallsOf(request: () => Promise<{ status: number }>): Promise<Record<string, number>> {
  const before = await counts();
  const response = await request();
  expect(response.status).toBe(201);
  const after = await counts();
  return Object.fromEntries(
    Object.entries(after)
      .filter(([key, value]) => key.startsWith('dynamodb:') && value !== (before[key] ?? 0))
      .map(([key, value]) => [key, value - (before[key] ?? 0)]),
  );
}

/** `count` ACTIVE members written straight into the organisation (with their roster entries and its counters). */
async function addMembers(organisationId: string, count: number): Promise<void> {
  const now = new Date().toISOString();
  const items = Array.from({ length: count }, (_, index) => {
    const membership = {
      organisationId,
      userId: `seeded-${organisationId.slice(0, 8)}-${index}`,
      username: `seeded${index}@example.org`,
      nom: 'Membre',
      prenom: `N${index}`,
      role: 'MEMBER',
      status: 'ACTIVE' as const,
      joinedAt: now,
      updatedAt: now,
    };
    return [membershipItem(membership), rosterItem(membership)];
  }).flat();
  await batchWriteAll(dynamo(), stack().tableName, items);
  await dynamo().send(
    new UpdateCommand({
      TableName: stack().tableName,
      Key: { pk: `ORG#${organisationId}`, sk: 'COUNTERS' },
      UpdateExpression: 'SET memberCount = memberCount + :n, maxUsers = :max',
      ExpressionAttributeValues: { ':n': count, ':max': count + 100 },
    }),
  );
}

const join = (token: string, organisationCode: string) =>
  apiFrom(newClientAddress(), 'POST', '/api/auth/join-organisation', { token, body: { organisationCode } });

describe('POST /api/auth/join-organisation at scale', () => {
  it('makes the same DynamoDB calls at 2,000 members as at 1, reads included', async () => {
    const [small, large, warmup] = await Promise.all([registerCabinet(), registerCabinet(), registerCabinet()]);
    await addMembers(large.organisation.id, 2000);
    const [first, second, third] = await Promise.all([registerAccount(), registerAccount(), registerAccount()]);
    // The first join of the run loads the route's modules and caches: measured joins come after it.
    expect((await join(third.token, warmup.organisation.code)).status).toBe(201);

    const atOne = await dynamoCallsOf(() => join(first.token, small.organisation.code));
    const atTwoThousand = await dynamoCallsOf(() => join(second.token, large.organisation.code));

    expect(atTwoThousand).toEqual(atOne);
    // Items read, not only calls: one Query can return every membership of 2,000 members (under 1 MB).
    expect(atOne['dynamodb:itemsRead']).toBeGreaterThan(0);
    expect(atOne['dynamodb:itemsRead']).toBeLessThan(20);
    console.info('DynamoDB calls of one join (1 and 2,000 members):', JSON.stringify(atOne));
  });
});
