// Members of an organisation over HTTP: listing, adding (existing user or new account), role and status changes,
// removal, and those changes reaching the member's very next requests.
import { describe, expect, it } from 'vitest';
import { api, claimsOf, PASSWORD, problemOf, registerCabinet, unique } from '#test/api';
import { cognitoUserExists, getItem } from '#test/emulators';
import { addPerson, auditTrail, eventually, login, newAccount, orgPath } from '#test/members';

describe('GET /api/organisations/{id}/members', () => {
  it('lists the creator as ACTIVE ADMIN and every added member with their profile fields', async () => {
    const cabinet = await registerCabinet();
    const agent = newAccount('VIEWER', { nom: 'Durand', prenom: 'Claire' });
    const added = await api('POST', orgPath(cabinet, '/members'), { token: cabinet.token, body: agent });
    expect(added.status).toBe(201);

    const list = await api('GET', orgPath(cabinet, '/members'), { token: cabinet.token });

    expect(list.status).toBe(200);
    expect(list.body.nextCursor).toBeNull();
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items).toEqual(
      expect.arrayContaining([
        {
          userId: cabinet.user.id,
          username: cabinet.user.username,
          nom: 'Martin',
          prenom: 'Jean',
          role: 'ADMIN',
          status: 'ACTIVE',
          joinedAt: expect.any(String),
        },
        {
          userId: added.body.member.userId,
          username: agent.username,
          nom: 'Durand',
          prenom: 'Claire',
          role: 'VIEWER',
          status: 'ACTIVE',
          joinedAt: expect.any(String),
        },
      ]),
    );
  });

  it('pages with a cursor that only this organisation can replay', async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), registerCabinet()]);
    await addPerson(cabinet, 'VIEWER');
    await addPerson(cabinet, 'VIEWER');

    const first = await api('GET', orgPath(cabinet, '/members?limit=2'), { token: cabinet.token });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api('GET', orgPath(cabinet, `/members?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`), {
      token: cabinet.token,
    });
    const replay = await api('GET', orgPath(other, `/members?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`), {
      token: other.token,
    });

    expect(second.status).toBe(200);
    const ids = [...first.body.items, ...second.body.items].map((m: { userId: string }) => m.userId);
    expect(new Set(ids).size).toBe(3);
    expect(replay.status).toBe(400);
  });

  it("answers 404 for another organisation's id, exactly like an unknown one", async () => {
    const [a, b] = await Promise.all([registerCabinet(), registerCabinet()]);
    const foreign = await api('GET', orgPath(b, '/members'), { token: a.token });
    const unknown = await api('GET', '/api/organisations/no-such-org/members', { token: a.token });
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(foreign.body.detail).toBe(unknown.body.detail);
  });

  it('lets a VIEWER read the list but not add anyone', async () => {
    const cabinet = await registerCabinet();
    const viewer = await addPerson(cabinet, 'VIEWER');
    expect((await api('GET', orgPath(cabinet, '/members'), { token: viewer.token })).status).toBe(200);
    const add = await api('POST', orgPath(cabinet, '/members'), { token: viewer.token, body: newAccount('VIEWER') });
    expect(add.status).toBe(403);
  });
});

describe('POST /api/organisations/{id}/members', () => {
  it('creates the account and its membership in one go; the new member signs in to this organisation with the role', async () => {
    const cabinet = await registerCabinet();
    const body = newAccount('MEMBER', { email: 'agent@example.org' });

    const response = await api('POST', orgPath(cabinet, '/members'), { token: cabinet.token, body });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      member: {
        userId: expect.any(String),
        username: body.username,
        nom: 'Agent',
        prenom: 'Test',
        role: 'MEMBER',
        status: 'ACTIVE',
        joinedAt: expect.any(String),
      },
    });
    const token = await login(body.username);
    expect(claimsOf(token)).toMatchObject({ organisationId: cabinet.organisation.id, role: 'MEMBER', sub: response.body.member.userId });
    expect((await api('POST', '/api/patients', { token, body: { nom: 'A', prenom: 'B' } })).status).toBe(201);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 2, adminCount: 1 });
    const audit = await auditTrail(cabinet.organisation.id);
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'member.added', actorId: cabinet.user.id, target: response.body.member.userId }),
    );
  });

  it('invites an existing account by username: 202, no membership until it accepts, its own organisation kept', async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), registerCabinet()]);

    const response = await api('POST', orgPath(cabinet, '/members'), {
      token: cabinet.token,
      body: { username: other.user.username.toUpperCase(), role: 'VIEWER' },
    });

    expect(response.status).toBe(202);
    expect(response.body.invitation).toMatchObject({ username: other.user.username, role: 'VIEWER', status: 'PENDING' });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${other.user.id}`)).toBeUndefined();
    const accepted = await api('POST', `/api/auth/invitations/${response.body.invitation.id}/accept`, { token: other.token });
    expect(accepted.status).toBe(200);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${other.user.id}`)).toMatchObject({
      role: 'VIEWER',
      status: 'ACTIVE',
      gsi1pk: `USER#${other.user.id}`,
    });
    expect(claimsOf(await login(other.user.username))).toMatchObject({ organisationId: other.organisation.id, role: 'ADMIN' });
  });

  it('answers an unknown username exactly like an existing one (no enumeration)', async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), registerCabinet()]);
    const invite = (username: string) =>
      api('POST', orgPath(cabinet, '/members'), { token: cabinet.token, body: { username, role: 'VIEWER' } });

    const [ghost, real] = await Promise.all([invite(unique('ghost')), invite(other.user.username)]);

    expect(ghost.status).toBe(real.status);
    expect(Object.keys(ghost.body.invitation).sort()).toEqual(Object.keys(real.body.invitation).sort());
    expect(JSON.stringify(real.body)).not.toContain(other.user.id);
    expect(JSON.stringify(real.body)).not.toContain(other.input.nom);
  });

  it('answers 409 for a user who is already a member, and writes nothing', async () => {
    const cabinet = await registerCabinet();
    const viewer = await addPerson(cabinet, 'VIEWER');
    const again = await api('POST', orgPath(cabinet, '/members'), {
      token: cabinet.token,
      body: { username: viewer.username, role: 'MEMBER' },
    });
    expect(again.status).toBe(409);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${viewer.userId}`)).toMatchObject({ role: 'VIEWER' });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 2 });
  });

  it("answers 409 when a new account's username is taken, leaving the existing account alone", async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), registerCabinet()]);
    const response = await api('POST', orgPath(cabinet, '/members'), {
      token: cabinet.token,
      body: newAccount('VIEWER', { username: other.user.username }),
    });
    expect(response.status).toBe(409);
    expect(response.body.errors).toEqual([{ path: 'username', message: 'Username is already taken' }]);
    expect(claimsOf(await login(other.user.username))).toMatchObject({ organisationId: other.organisation.id });
  });

  it('answers 400 for an unknown role, and lists every failing field', async () => {
    const cabinet = await registerCabinet();
    const unknownRole = await api('POST', orgPath(cabinet, '/members'), { token: cabinet.token, body: newAccount('wizard') });
    expect(unknownRole.status).toBe(400);
    expect(unknownRole.body.errors).toEqual([{ path: 'role', message: 'Unknown role: wizard' }]);

    const invalid = await api('POST', orgPath(cabinet, '/members'), {
      token: cabinet.token,
      body: { username: 'x', role: 'MEMBER', password: 'short', confirmPassword: 'other', organisationId: 'nope' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'username', message: 'Username must be at least 3 characters' },
        { path: 'password', message: 'Password must be at least 12 characters' },
        { path: 'organisationId', message: 'Unknown field' },
        { path: 'nom', message: 'nom is required for a new account' },
        { path: 'prenom', message: 'prenom is required for a new account' },
        { path: 'confirmPassword', message: 'Passwords do not match' },
      ]),
    );
  });

  it('deletes the Cognito user when the membership cannot be written', async () => {
    const cabinet = await registerCabinet();
    const body = newAccount('VIEWER');
    const response = await api('POST', orgPath(cabinet, '/members'), {
      token: cabinet.token,
      body,
      headers: { 'x-cabinet-fault': 'TransactWrite' },
    });
    expect(response.status).toBe(500);
    expect(await cognitoUserExists(body.username)).toBe(false);
    expect(await getItem(`USERNAME#${body.username}`, 'GUARD')).toBeUndefined();
  });
});

describe('PATCH /api/organisations/{id}/members/{userId}', () => {
  it("changes a member's role, and the demoted member loses the permission on their next requests", async () => {
    const cabinet = await registerCabinet();
    const member = await addPerson(cabinet, 'MEMBER');
    const createPatient = () => api('POST', '/api/patients', { token: member.token, body: { nom: 'A', prenom: 'B' } });
    expect((await createPatient()).status).toBe(201);

    const response = await api('PATCH', orgPath(cabinet, `/members/${member.userId}`), { token: cabinet.token, body: { role: 'VIEWER' } });

    expect(response.status).toBe(200);
    expect(response.body.member).toMatchObject({ userId: member.userId, role: 'VIEWER', status: 'ACTIVE' });
    expect((await eventually(createPatient, (r) => r.status === 403)).status).toBe(403);
    expect((await api('GET', '/api/patients', { token: member.token })).status).toBe(200);
    expect(await auditTrail(cabinet.organisation.id)).toContainEqual(
      expect.objectContaining({ action: 'member.role-changed', target: member.userId, details: { from: 'MEMBER', to: 'VIEWER' } }),
    );
  });

  it('suspends a member (their token is refused) and reactivates them (accepted again), keeping their seat', async () => {
    const cabinet = await registerCabinet();
    const member = await addPerson(cabinet, 'MEMBER');
    const listPatients = () => api('GET', '/api/patients', { token: member.token });
    const path = orgPath(cabinet, `/members/${member.userId}`);

    const suspended = await api('PATCH', path, { token: cabinet.token, body: { status: 'SUSPENDED' } });
    expect(suspended.status).toBe(200);
    expect(suspended.body.member.status).toBe('SUSPENDED');
    expect((await eventually(listPatients, (r) => r.status === 401)).status).toBe(401);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 2 });

    const reactivated = await api('PATCH', path, { token: cabinet.token, body: { status: 'ACTIVE' } });
    expect(reactivated.status).toBe(200);
    expect((await eventually(listPatients, (r) => r.status === 200)).status).toBe(200);
    const actions = (await auditTrail(cabinet.organisation.id)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['member.suspended', 'member.reactivated']));
  });

  it('refuses to change your own membership with 403', async () => {
    const cabinet = await registerCabinet();
    const response = await api('PATCH', orgPath(cabinet, `/members/${cabinet.user.id}`), {
      token: cabinet.token,
      body: { role: 'VIEWER' },
    });
    expect(response.status).toBe(403);
    expect(problemOf(response)).toBe('cannot-change-own-membership');
  });

  it('answers 404 for someone who is not a member, including a member of another organisation', async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), registerCabinet()]);
    const response = await api('PATCH', orgPath(cabinet, `/members/${other.user.id}`), { token: cabinet.token, body: { role: 'VIEWER' } });
    expect(response.status).toBe(404);
    expect(await getItem(`ORG#${other.organisation.id}`, `MEMBER#${other.user.id}`)).toMatchObject({ role: 'ADMIN' });
  });

  it('answers 400 for an empty change or an unknown status', async () => {
    const cabinet = await registerCabinet();
    const member = await addPerson(cabinet, 'MEMBER');
    const path = orgPath(cabinet, `/members/${member.userId}`);
    expect((await api('PATCH', path, { token: cabinet.token, body: {} })).status).toBe(400);
    const bad = await api('PATCH', path, { token: cabinet.token, body: { status: 'PENDING' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: 'status', message: 'Status must be ACTIVE or SUSPENDED' }]);
  });
});

describe('DELETE /api/organisations/{id}/members/{userId}', () => {
  it('removes a member: their seat is freed and their token is refused on the next requests', async () => {
    const cabinet = await registerCabinet();
    const member = await addPerson(cabinet, 'MEMBER');
    expect((await api('GET', '/api/patients', { token: member.token })).status).toBe(200);

    const response = await api('DELETE', orgPath(cabinet, `/members/${member.userId}`), { token: cabinet.token });

    expect(response.status).toBe(204);
    const after = await eventually(
      () => api('GET', '/api/patients', { token: member.token }),
      (r) => r.status === 401,
    );
    expect(after.status).toBe(401);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${member.userId}`)).toBeUndefined();
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 1 });
    expect(await auditTrail(cabinet.organisation.id)).toContainEqual(
      expect.objectContaining({ action: 'member.removed', actorId: cabinet.user.id, target: member.userId }),
    );
    // Signing in again gives a session without organisation: the account stays, the organisation is gone from it.
    const again = await api('POST', '/api/auth/login', { body: { username: member.username, password: PASSWORD } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ organisation: null, user: { organisationId: null, role: null }, pendingMemberships: [] });
    expect(problemOf(await api('GET', '/api/patients', { token: again.body.token }))).toBe('no-organisation-selected');
  });

  it('answers 404 for an unknown member', async () => {
    const cabinet = await registerCabinet();
    expect((await api('DELETE', orgPath(cabinet, '/members/no-such-user'), { token: cabinet.token })).status).toBe(404);
  });
});
