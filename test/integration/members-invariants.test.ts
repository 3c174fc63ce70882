// Membership invariants that no request order can break: at least one ACTIVE ADMIN, no self-promotion or
// management above one's own level, and maxUsers enforced atomically under concurrency.
import { describe, expect, it } from 'vitest';
import { api, problemOf, registerCabinet } from '#test/api';
import { cognitoUserExists, getItem } from '#test/emulators';
import { addPerson, createRole, newAccount, orgPath, setMaxUsers } from '#test/members';

const ALL_PERMISSIONS = [
  'patients:read',
  'patients:write',
  'members:read',
  'members:manage',
  'organisation:manage',
  'invitations:manage',
  'join-requests:manage',
  'roles:manage',
  'audit:read',
  'support-access:manage',
  'events:read',
  'webhooks:manage',
];

describe('the last ADMIN', () => {
  it('can be neither demoted, suspended nor removed (409), and can be once a second ADMIN exists', async () => {
    const cabinet = await registerCabinet();
    // A custom role with every permission may manage an ADMIN, so only the last-admin rule stands in its way.
    await createRole(cabinet, 'co_admin', ALL_PERMISSIONS);
    const deputy = await addPerson(cabinet, 'co_admin');
    const adminPath = orgPath(cabinet, `/members/${cabinet.user.id}`);

    const demote = await api('PATCH', adminPath, { token: deputy.token, body: { role: 'MEMBER' } });
    const suspend = await api('PATCH', adminPath, { token: deputy.token, body: { status: 'SUSPENDED' } });
    const remove = await api('DELETE', adminPath, { token: deputy.token });
    const leave = await api('DELETE', adminPath, { token: cabinet.token });

    for (const response of [demote, suspend, remove, leave]) {
      expect(response.status).toBe(409);
      expect(problemOf(response)).toBe('last-admin');
    }
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${cabinet.user.id}`)).toMatchObject({ role: 'ADMIN', status: 'ACTIVE' });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ adminCount: 1, memberCount: 2 });

    await addPerson(cabinet, 'ADMIN');
    const demoted = await api('PATCH', adminPath, { token: deputy.token, body: { role: 'MEMBER' } });
    expect(demoted.status).toBe(200);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ adminCount: 1, memberCount: 3 });
  });

  it('lets an admin leave once another admin exists', async () => {
    const cabinet = await registerCabinet();
    await addPerson(cabinet, 'ADMIN');
    const leave = await api('DELETE', orgPath(cabinet, `/members/${cabinet.user.id}`), { token: cabinet.token });
    expect(leave.status).toBe(204);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ adminCount: 1, memberCount: 1 });
  });
});

describe('no self-promotion', () => {
  it('keeps a member who may manage members within their own permissions', async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'office_manager', ['members:read', 'members:manage', 'patients:read']);
    const manager = await addPerson(cabinet, 'office_manager');
    const viewer = await addPerson(cabinet, 'VIEWER');
    const as = (method: string, path: string, body?: unknown) =>
      api(method, orgPath(cabinet, path), { token: manager.token, ...(body ? { body } : {}) });

    // Roles holding permissions the manager lacks: ADMIN, and MEMBER (patients:write).
    expect((await as('POST', '/members', newAccount('ADMIN'))).status).toBe(403);
    expect((await as('POST', '/members', newAccount('MEMBER'))).status).toBe(403);
    expect((await as('PATCH', `/members/${viewer.userId}`, { role: 'ADMIN' })).status).toBe(403);
    // Themselves, and anyone above them.
    const self = await as('PATCH', `/members/${manager.userId}`, { role: 'VIEWER' });
    expect(self.status).toBe(403);
    expect(problemOf(self)).toBe('cannot-change-own-membership');
    expect((await as('PATCH', `/members/${cabinet.user.id}`, { status: 'SUSPENDED' })).status).toBe(403);
    expect((await as('DELETE', `/members/${cabinet.user.id}`)).status).toBe(403);
    // Nor can they define a wider role.
    expect((await as('POST', '/roles', { name: 'escalated', permissions: ['patients:write'] })).status).toBe(403);

    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${viewer.userId}`)).toMatchObject({ role: 'VIEWER' });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${cabinet.user.id}`)).toMatchObject({ role: 'ADMIN', status: 'ACTIVE' });

    // Within their level they manage freely, including granting their own role.
    expect((await as('POST', '/members', newAccount('VIEWER'))).status).toBe(201);
    const granted = await as('PATCH', `/members/${viewer.userId}`, { role: 'office_manager' });
    expect(granted.status).toBe(200);
    expect(granted.body.member.role).toBe('office_manager');
  });
});

describe('maxUsers', () => {
  it('admits exactly the free seats among concurrent additions; the others get 409 and leave no account behind', async () => {
    const cabinet = await registerCabinet();
    await setMaxUsers(cabinet.organisation.id, 3);
    const bodies = Array.from({ length: 6 }, () => newAccount('VIEWER'));

    const responses = await Promise.all(bodies.map((body) => api('POST', orgPath(cabinet, '/members'), { token: cabinet.token, body })));

    expect(responses.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409, 409]);
    for (const refused of responses.filter((r) => r.status === 409)) {
      expect(problemOf(refused)).toBe('organisation-full');
    }
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 3, maxUsers: 3 });
    const exists = await Promise.all(bodies.map((body) => cognitoUserExists(body.username)));
    expect(exists).toEqual(responses.map((r) => r.status === 201));
  });

  it('counts suspended members, and frees a seat on removal', async () => {
    const cabinet = await registerCabinet();
    const member = await addPerson(cabinet, 'VIEWER');
    await setMaxUsers(cabinet.organisation.id, 2);
    await api('PATCH', orgPath(cabinet, `/members/${member.userId}`), { token: cabinet.token, body: { status: 'SUSPENDED' } });

    const full = await api('POST', orgPath(cabinet, '/members'), { token: cabinet.token, body: newAccount('VIEWER') });
    expect(full.status).toBe(409);

    expect((await api('DELETE', orgPath(cabinet, `/members/${member.userId}`), { token: cabinet.token })).status).toBe(204);
    const admitted = await api('POST', orgPath(cabinet, '/members'), { token: cabinet.token, body: newAccount('VIEWER') });
    expect(admitted.status).toBe(201);
  });
});
