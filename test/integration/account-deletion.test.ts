// DELETE /api/auth/me (issue 9): a person deletes their account. Memberships are removed (audited in each
// organisation), everything keyed to the person goes, the Cognito user is deleted, and the username and address are
// free again; the last ACTIVE ADMIN of an organisation is refused. A crash part-way is repaired by repeating it.
import { createHash } from 'node:crypto';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { accountInput, registerAccount, verifiedAccount } from '#test/accounts';
import { api, PASSWORD, problemOf, registerCabinet, stack } from '#test/api';
import { cognitoUserExists, dynamo, getItem, partition } from '#test/emulators';
import { addNewMember, createOrganisation, switchTo } from '#test/organisations';
import { auditTrail, login, register } from '#test/registration';

const deleteMe = (token: string, password = PASSWORD, headers: Record<string, string> = {}) =>
  api('DELETE', '/api/auth/me', { token, body: { password }, headers });
const orgPath = (id: string, rest = '') => `/api/organisations/${id}${rest}`;

describe('DELETE /api/auth/me', () => {
  it('removes memberships (audited in each organisation), profile, guards, sessions and the Cognito user; the name and address are free', async () => {
    const [first, second] = await Promise.all([registerCabinet(), registerCabinet()]);
    const account = await verifiedAccount();
    for (const cabinet of [first, second]) {
      const joined = await api('POST', '/api/auth/join-organisation', {
        token: account.token,
        body: { organisationCode: cabinet.organisation.code },
      });
      expect(joined.status).toBe(201);
    }
    const sessionHash = createHash('sha256').update(account.refreshToken).digest('hex');
    expect(await getItem(`SESSION#${sessionHash}`, 'SESSION')).toBeDefined();

    const response = await deleteMe(account.token);

    expect(response.status).toBe(204);
    for (const cabinet of [first, second]) {
      expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${account.user.id}`)).toBeUndefined();
      expect((await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS'))?.memberCount).toBe(1);
      expect((await auditTrail(cabinet.organisation.id)).at(-1)).toMatchObject({
        action: 'member.account-deleted',
        actorId: account.user.id,
        target: account.user.id,
      });
    }
    expect(await partition(`USER#${account.user.id}`)).toEqual([]);
    expect(await getItem(`USERNAME#${account.email}`, 'GUARD')).toBeUndefined();
    expect(await getItem(`EMAIL#${account.email}`, 'GUARD')).toBeUndefined();
    expect(await getItem(`SESSION#${sessionHash}`, 'SESSION')).toBeUndefined();
    expect(await cognitoUserExists(account.email)).toBe(false);
    // The check written with the last transaction went with the Cognito user: nothing is left for the sweeper.
    expect(await getItem(`ACCOUNTCHECK#${account.email}`, 'CHECK')).toBeUndefined();
    expect((await login(account.email)).status).toBe(401);
    // The username (the address) is free for a new account.
    const again = await register(accountInput({ email: account.email }));
    expect(again.status).toBe(201);
    expect(again.body.user.id).not.toBe(account.user.id);
  });

  it('refuses a wrong password with 401 and changes nothing', async () => {
    const account = await registerAccount();
    const response = await deleteMe(account.token, 'Wrong-Password-1');
    expect(response.status).toBe(401);
    expect(problemOf(response)).toBe('invalid-credentials');
    expect(await getItem(`USER#${account.user.id}`, 'PROFILE')).toBeDefined();
    expect(await cognitoUserExists(account.email)).toBe(true);
  });

  it('refuses (409 still-last-admin) while the person is the last ACTIVE ADMIN of an organisation, before any change', async () => {
    const cabinet = await registerCabinet();
    const other = await createOrganisation(cabinet.token);
    // In the first organisation a second ADMIN exists, in the one created next the person is alone.
    await addNewMember(cabinet, 'ADMIN');

    const response = await deleteMe(cabinet.token);

    expect(response.status).toBe(409);
    expect(problemOf(response)).toBe('still-last-admin');
    expect(response.body.detail).toContain(other.nom);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${cabinet.user.id}`)).toMatchObject({ status: 'ACTIVE' });
    expect(await getItem(`USER#${cabinet.user.id}`, 'PROFILE')).not.toHaveProperty('deletingSince');
    expect(await cognitoUserExists(cabinet.input.username)).toBe(true);

    // Once the other organisation has another admin (or is deleted), the account can go.
    expect((await api('DELETE', orgPath(other.id), { token: (await switchTo(cabinet, other.id)).token })).status).toBe(202);
    expect((await deleteMe(cabinet.token)).status).toBe(204);
    expect((await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS'))?.adminCount).toBe(1);
  });

  it('finishes when repeated after a failure part-way (every step can run again)', async () => {
    const cabinet = await registerCabinet();
    const account = await verifiedAccount();
    await api('POST', '/api/auth/join-organisation', { token: account.token, body: { organisationCode: cabinet.organisation.code } });
    // The person's partition holds mail about them (the verification link's job), deleted item by item.
    expect((await partition(`USER#${account.user.id}`)).length).toBeGreaterThan(1);

    // Fault: every DeleteItem fails, so the deletion stops after removing the memberships and before the profile.
    const failed = await deleteMe(account.token, PASSWORD, { 'x-cabinet-fault': 'DeleteItem' });

    expect(failed.status).toBe(500);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${account.user.id}`)).toBeUndefined();
    expect(await getItem(`USER#${account.user.id}`, 'PROFILE')).toMatchObject({ deletingSince: expect.any(String) });
    expect(await cognitoUserExists(account.email)).toBe(true);
    // Meanwhile the account joins or creates nothing.
    const create = await api('POST', '/api/organisations', { token: account.token, body: { organisationName: 'Pendant la suppression' } });
    expect(create.status).toBe(403);

    const repeated = await deleteMe(account.token);

    expect(repeated.status).toBe(204);
    expect(await partition(`USER#${account.user.id}`)).toEqual([]);
    expect(await cognitoUserExists(account.email)).toBe(false);
    expect((await auditTrail(cabinet.organisation.id)).filter((entry) => entry.action === 'member.account-deleted')).toHaveLength(1);
  });

  it('finishes the last step alone when only the Cognito user is left (a crash after the profile went)', async () => {
    const account = await registerAccount();
    // Arrange the state such a crash leaves: every DynamoDB item gone, the Cognito user still there.
    await dynamo().send(new DeleteCommand({ TableName: stack().tableName, Key: { pk: `USER#${account.user.id}`, sk: 'PROFILE' } }));
    await dynamo().send(new DeleteCommand({ TableName: stack().tableName, Key: { pk: `USERNAME#${account.email}`, sk: 'GUARD' } }));

    const response = await deleteMe(account.token);

    expect(response.status).toBe(204);
    expect(await cognitoUserExists(account.email)).toBe(false);
  });
});
