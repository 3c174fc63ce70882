// The organisation's counts (members, admins, the join code's uses) live on ORG#<id> / COUNTERS, not on the
// organisation item every request reads: a join leaves that item as it was. An organisation written before the
// counters had their own item keeps its counts on its item until its first counted change creates the counters
// item from them (and removes them there) in one transaction.
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { api, problemOf, registerCabinet, stack } from '#test/api';
import { dynamo, getItem } from '#test/emulators';
import { joinWithCode } from '#test/registration';

/** Turns a fresh organisation into one written before the counters item: its counts on its own item, no counters item. */
async function asLegacy(organisationId: string, counts: { memberCount: number; adminCount: number; uses: number; maxUsers?: number }) {
  const { tableName: TableName } = stack();
  await dynamo().send(new DeleteCommand({ TableName, Key: { pk: `ORG#${organisationId}`, sk: 'COUNTERS' } }));
  await dynamo().send(
    new UpdateCommand({
      TableName,
      Key: { pk: `ORG#${organisationId}`, sk: 'ORGANISATION' },
      UpdateExpression: `SET memberCount = :m, adminCount = :a, joinCode.#uses = :u${counts.maxUsers ? ', maxUsers = :max' : ''}`,
      ExpressionAttributeNames: { '#uses': 'uses' },
      ExpressionAttributeValues: {
        ':m': counts.memberCount,
        ':a': counts.adminCount,
        ':u': counts.uses,
        ...(counts.maxUsers ? { ':max': counts.maxUsers } : {}),
      },
    }),
  );
}

const organisationOf = (organisationId: string) => getItem(`ORG#${organisationId}`, 'ORGANISATION');
const countersOf = (organisationId: string) => getItem(`ORG#${organisationId}`, 'COUNTERS');

describe('the organisation counters item', () => {
  it('is written with the organisation, and a join moves it without writing the organisation item', async () => {
    const cabinet = await registerCabinet();
    const before = await organisationOf(cabinet.organisation.id);
    expect(before).not.toHaveProperty('memberCount');
    expect(before?.joinCode).not.toHaveProperty('uses');
    expect(await countersOf(cabinet.organisation.id)).toMatchObject({ memberCount: 1, adminCount: 1, codeUses: 0, maxUsers: 50 });

    const { response } = await joinWithCode(cabinet.organisation.code);

    expect(response.status).toBe(201);
    expect(await organisationOf(cabinet.organisation.id)).toEqual(before);
    expect(await countersOf(cabinet.organisation.id)).toMatchObject({ memberCount: 2, adminCount: 1, codeUses: 1 });
    const view = await api('GET', `/api/organisations/${cabinet.organisation.id}`, { token: cabinet.token });
    expect(view.body.organisation).toMatchObject({ memberCount: 2 });
    const code = await api('GET', `/api/organisations/${cabinet.organisation.id}/join-code`, { token: cabinet.token });
    expect(code.body).toMatchObject({ uses: 1 });
  });

  it('of an organisation written before it: read from its item, then created from those counts by its first join', async () => {
    const cabinet = await registerCabinet();
    await asLegacy(cabinet.organisation.id, { memberCount: 4, adminCount: 1, uses: 3 });
    const legacy = await api('GET', `/api/organisations/${cabinet.organisation.id}`, { token: cabinet.token });
    expect(legacy.body.organisation).toMatchObject({ memberCount: 4 });

    const { response } = await joinWithCode(cabinet.organisation.code);

    expect(response.status).toBe(201);
    expect(await countersOf(cabinet.organisation.id)).toMatchObject({ memberCount: 5, adminCount: 1, codeUses: 4, maxUsers: 50 });
    const organisation = await organisationOf(cabinet.organisation.id);
    expect(organisation).not.toHaveProperty('memberCount');
    expect(organisation).not.toHaveProperty('adminCount');
    expect(organisation?.joinCode).not.toHaveProperty('uses');
    const view = await api('GET', `/api/organisations/${cabinet.organisation.id}`, { token: cabinet.token });
    expect(view.body.organisation).toMatchObject({ memberCount: 5 });
  });

  it('of a full organisation written before it: created, and the join still refused with nothing of it written', async () => {
    const cabinet = await registerCabinet();
    await asLegacy(cabinet.organisation.id, { memberCount: 2, adminCount: 1, uses: 0, maxUsers: 2 });

    const { response } = await joinWithCode(cabinet.organisation.code);

    expect(response.status).toBe(409);
    expect(problemOf(response)).toBe('organisation-full');
    expect(await countersOf(cabinet.organisation.id)).toMatchObject({ memberCount: 2, adminCount: 1, codeUses: 0, maxUsers: 2 });
    expect(await organisationOf(cabinet.organisation.id)).not.toHaveProperty('memberCount');
  });

  it('is not created by a join refused because the organisation is being deleted (its items are being purged)', async () => {
    const cabinet = await registerCabinet();
    await asLegacy(cabinet.organisation.id, { memberCount: 1, adminCount: 1, uses: 0 });
    await dynamo().send(
      new UpdateCommand({
        TableName: stack().tableName,
        Key: { pk: `ORG#${cabinet.organisation.id}`, sk: 'ORGANISATION' },
        UpdateExpression: 'SET #status = :deleting',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':deleting': 'DELETING' },
      }),
    );

    const { response } = await joinWithCode(cabinet.organisation.code);

    expect(response.status).toBe(404);
    expect(await countersOf(cabinet.organisation.id)).toBeUndefined();
    expect(await organisationOf(cabinet.organisation.id)).toMatchObject({ memberCount: 1 });
  });
});
