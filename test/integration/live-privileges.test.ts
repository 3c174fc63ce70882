// Live privileges (issue 7, item 3): the auth middleware authorises from a membership read at most 5 s ago, so every
// write that grants, changes or uses a management permission re-checks its actor inside its own transaction. Each
// test warms the actor's cached access, changes the actor's standing, and sends the privileged write at once.
import { describe, expect, it } from 'vitest';
import { type ApiResponse, api, problemOf, registerCabinet } from '#test/api';
import { cognitoUserExists, getItem } from '#test/emulators';
import { addPerson, auditTrail, createRole, newAccount, orgPath } from '#test/members';

type Cabinet = Awaited<ReturnType<typeof registerCabinet>>;

/** A cabinet whose founder (the actor) is demoted to MEMBER by a second ADMIN, after the actor's access was cached. */
async function demotedFounder(): Promise<{ cabinet: Cabinet; admin: Awaited<ReturnType<typeof addPerson>> }> {
  const cabinet = await registerCabinet();
  const admin = await addPerson(cabinet, 'ADMIN');
  // The founder's ADMIN membership is now in the access cache of the (single, local) function process.
  expect((await api('GET', orgPath(cabinet, '/members'), { token: cabinet.token })).status).toBe(200);
  const demoted = await api('PATCH', orgPath(cabinet, `/members/${cabinet.user.id}`), { token: admin.token, body: { role: 'MEMBER' } });
  expect(demoted.status).toBe(200);
  return { cabinet, admin };
}

const expectStale = (response: ApiResponse) => {
  expect(response.status, response.text).toBe(403);
  expect(problemOf(response)).toBe('privileges-changed');
};

describe('a management write by an actor whose membership changed since the cached authorisation', () => {
  it('cannot plant a new ADMIN account: 403, no Cognito user, no membership, no audit entry', async () => {
    const { cabinet } = await demotedFounder();
    const body = newAccount('ADMIN');

    const response = await api('POST', orgPath(cabinet, '/members'), { token: cabinet.token, body });

    expectStale(response);
    expect(await cognitoUserExists(body.username)).toBe(false);
    expect(await getItem(`USERNAME#${body.username}`, 'GUARD')).toBeUndefined();
    expect((await auditTrail(cabinet.organisation.id)).filter((entry) => entry.action === 'member.added')).toHaveLength(1);
  });

  it.each([
    ['creates a role', 'POST', '/roles', { name: 'sneaky', permissions: ['patients:read'] }],
    ['invites someone', 'POST', '/invitations', { email: 'someone@example.org', role: 'ADMIN' }],
    ['opens the join code', 'PATCH', '/join-code', { enabled: true, maxUses: 1000 }],
    ['rotates the join code', 'POST', '/join-code/rotate', undefined],
    ['grants support access', 'POST', '/support-access', { hours: 24 }],
    ['renames the organisation', 'PATCH', '', { description: 'taken over' }],
  ] as const)('%s: 403 privileges-changed and nothing written', async (_what, method, path, body) => {
    const { cabinet } = await demotedFounder();
    const before = (await auditTrail(cabinet.organisation.id)).length;
    const organisationBefore = await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION');

    const response = await api(method, orgPath(cabinet, path), { token: cabinet.token, ...(body ? { body } : {}) });

    expectStale(response);
    expect(await auditTrail(cabinet.organisation.id)).toHaveLength(before);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION')).toEqual(organisationBefore);
  });

  it('cannot act on a membership, even their own (the condition is merged into the write on that item)', async () => {
    const { cabinet, admin } = await demotedFounder();

    const suspendOther = await api('PATCH', orgPath(cabinet, `/members/${admin.userId}`), {
      token: cabinet.token,
      body: { status: 'SUSPENDED' },
    });
    const leave = await api('DELETE', orgPath(cabinet, `/members/${cabinet.user.id}`), { token: cabinet.token });

    expectStale(suspendOther);
    expectStale(leave);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${admin.userId}`)).toMatchObject({ status: 'ACTIVE', role: 'ADMIN' });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${cabinet.user.id}`)).toMatchObject({
      status: 'ACTIVE',
      role: 'MEMBER',
    });
  });

  it('refuses a removed member as well', async () => {
    const cabinet = await registerCabinet();
    const deputy = await addPerson(cabinet, 'ADMIN');
    expect((await api('GET', orgPath(cabinet, '/roles'), { token: deputy.token })).status).toBe(200);
    expect((await api('DELETE', orgPath(cabinet, `/members/${deputy.userId}`), { token: cabinet.token })).status).toBe(204);

    const response = await api('POST', orgPath(cabinet, '/roles'), {
      token: deputy.token,
      body: { name: 'backdoor', permissions: ['patients:read'] },
    });

    expectStale(response);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ROLE#backdoor')).toBeUndefined();
  });

  it('refuses a holder of a custom role whose permissions were edited meanwhile', async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'manager', ['members:read', 'members:manage', 'invitations:manage', 'patients:read']);
    const manager = await addPerson(cabinet, 'manager');
    expect((await api('GET', orgPath(cabinet, '/invitations'), { token: manager.token })).status).toBe(200);
    const edited = await api('PATCH', orgPath(cabinet, '/roles/manager'), {
      token: cabinet.token,
      body: { permissions: ['members:read', 'patients:read'] },
    });
    expect(edited.status).toBe(200);

    const response = await api('POST', orgPath(cabinet, '/invitations'), {
      token: manager.token,
      body: { email: 'x@example.org', role: 'VIEWER' },
    });

    expectStale(response);
    expect((await auditTrail(cabinet.organisation.id)).some((entry) => entry.action === 'invitation.created')).toBe(false);
  });
});

describe('a management write by an actor whose standing did not change', () => {
  it('goes through, including on the actor’s own membership and with the actor’s own custom role', async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'co_admin', ['members:read', 'members:manage', 'roles:manage', 'patients:read']);
    const deputy = await addPerson(cabinet, 'co_admin');

    const assignOwnRole = await api('POST', orgPath(cabinet, '/members'), { token: deputy.token, body: newAccount('co_admin') });
    const editOwnRole = await api('PATCH', orgPath(cabinet, '/roles/co_admin'), {
      token: deputy.token,
      body: { permissions: ['members:read', 'members:manage', 'roles:manage', 'patients:read'], description: 'same rights' },
    });
    await addPerson(cabinet, 'ADMIN');
    const leave = await api('DELETE', orgPath(cabinet, `/members/${cabinet.user.id}`), { token: cabinet.token });

    expect(assignOwnRole.status, assignOwnRole.text).toBe(201);
    expect(editOwnRole.status, editOwnRole.text).toBe(200);
    expect(leave.status, leave.text).toBe(204);
  });
});
