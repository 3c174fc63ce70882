// Seed 003's approval flow: when the organisation's code requires approval, registering with it creates the
// account and a PENDING join request but no token; an admin lists, approves (optionally with another role) or
// rejects with a reason; only an approved user can sign in to the organisation.
import { describe, expect, it } from 'vitest';
import { api, claimsOf, problemOf, registerCabinet } from '#test/api';
import { getItem } from '#test/emulators';
import { auditTrail, joinWithCode, login, setOrganisationFields } from '#test/registration';

const requestsPath = (organisationId: string) => `/api/organisations/${organisationId}/join-requests`;

async function cabinetRequiringApproval(policy: Record<string, unknown> = {}) {
  const cabinet = await registerCabinet();
  const response = await api('PATCH', `/api/organisations/${cabinet.organisation.id}/join-code`, {
    token: cabinet.token,
    body: { requiresApproval: true, ...policy },
  });
  if (response.status !== 200) throw new Error(`PATCH join-code failed: ${response.status} ${response.text}`);
  return cabinet;
}

async function pendingUser(cabinet: Awaited<ReturnType<typeof registerCabinet>>, overrides: Record<string, unknown> = {}) {
  const { input, response } = await joinWithCode(cabinet.organisation.code, overrides);
  if (response.status !== 202) throw new Error(`join failed: ${response.status} ${response.text}`);
  return { input, userId: response.body.user.id as string };
}

describe('joining with a code that requires approval', () => {
  it('answers 202 PENDING without any token, and records a PENDING request and membership', async () => {
    const cabinet = await cabinetRequiringApproval();

    const { input, response } = await joinWithCode(cabinet.organisation.code, { nom: 'Koné', prenom: 'Awa', fullName: undefined });

    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      status: 'PENDING',
      user: { id: expect.any(String), username: input.email, nom: 'Koné', prenom: 'Awa' },
      organisation: { id: cabinet.organisation.id, nom: cabinet.input.organisationName },
    });
    const userId = response.body.user.id;
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${userId}`)).toMatchObject({ status: 'PENDING', role: 'MEMBER' });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `JOINREQ#${userId}`)).toMatchObject({
      status: 'PENDING',
      requestedRole: 'MEMBER',
      username: input.email,
      createdAt: expect.any(String),
    });
    // A pending request takes no seat, but it does use the code once.
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 1, codeUses: 1 });
    expect((await auditTrail(cabinet.organisation.id)).at(-1)).toEqual({
      action: 'join-request.created',
      actorId: userId,
      target: userId,
      details: { role: 'MEMBER' },
    });
  });

  it('signs the pending user in without organisation, showing the pending request, until approved', async () => {
    const cabinet = await cabinetRequiringApproval();
    const { input, userId } = await pendingUser(cabinet);

    const response = await login(input.email);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      user: { id: userId, role: null, organisationId: null },
      organisation: null,
      pendingMemberships: [
        { organisation: { id: cabinet.organisation.id, nom: cabinet.organisation.nom }, role: 'MEMBER', status: 'PENDING' },
      ],
    });
    expect(claimsOf(response.body.token)).not.toHaveProperty('organisationId');
    // The organisation's data stays out of reach: member routes need an organisation in the token.
    const patients = await api('GET', '/api/patients', { token: response.body.token });
    expect(patients.status).toBe(403);
    expect(problemOf(patients)).toBe('no-organisation-selected');
  });
});

describe('GET /api/organisations/{id}/join-requests', () => {
  it('lists the pending requests to an admin, oldest first', async () => {
    const cabinet = await cabinetRequiringApproval({ role: 'VIEWER' });
    const first = await pendingUser(cabinet, { fullName: 'Awa Koné' });
    const second = await pendingUser(cabinet, { fullName: 'Paul Durand' });

    const response = await api('GET', requestsPath(cabinet.organisation.id), { token: cabinet.token });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [
        {
          userId: first.userId,
          username: first.input.email,
          email: first.input.email,
          nom: 'Koné',
          prenom: 'Awa',
          requestedRole: 'VIEWER',
          status: 'PENDING',
          createdAt: expect.any(String),
        },
        {
          userId: second.userId,
          username: second.input.email,
          email: second.input.email,
          nom: 'Durand',
          prenom: 'Paul',
          requestedRole: 'VIEWER',
          status: 'PENDING',
          createdAt: expect.any(String),
        },
      ],
      nextCursor: null,
    });
  });

  it('pages with an opaque cursor that another organisation cannot use', async () => {
    const cabinet = await cabinetRequiringApproval();
    const users = [await pendingUser(cabinet), await pendingUser(cabinet), await pendingUser(cabinet)];
    const other = await registerCabinet();

    const page1 = await api('GET', `${requestsPath(cabinet.organisation.id)}?limit=2`, { token: cabinet.token });
    const page2 = await api('GET', `${requestsPath(cabinet.organisation.id)}?limit=2&cursor=${page1.body.nextCursor}`, {
      token: cabinet.token,
    });
    const foreign = await api('GET', `${requestsPath(other.organisation.id)}?cursor=${page1.body.nextCursor}`, { token: other.token });

    expect(page1.body.items.map((r: { userId: string }) => r.userId)).toEqual(users.slice(0, 2).map((u) => u.userId));
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    expect(page2.body.items.map((r: { userId: string }) => r.userId)).toEqual([users[2]!.userId]);
    expect(foreign.status).toBe(400);
  });

  it("answers 403 to a MEMBER and 404 to another organisation's admin", async () => {
    const cabinet = await registerCabinet();
    const member = await joinWithCode(cabinet.organisation.code);
    const other = await registerCabinet();

    expect((await api('GET', requestsPath(cabinet.organisation.id), { token: member.response.body.token })).status).toBe(403);
    expect((await api('GET', requestsPath(cabinet.organisation.id), { token: other.token })).status).toBe(404);
  });

  it('refuses an unknown status (400)', async () => {
    const cabinet = await registerCabinet();

    const response = await api('GET', `${requestsPath(cabinet.organisation.id)}?status=DONE`, { token: cabinet.token });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'status', message: 'status must be one of PENDING, APPROVED, REJECTED' }]);
  });
});

describe('POST /api/organisations/{id}/join-requests/{userId}/approve', () => {
  it('activates the member with the chosen role: sign-in then gives a token for the organisation and role', async () => {
    const cabinet = await cabinetRequiringApproval();
    const { input, userId } = await pendingUser(cabinet);

    const approved = await api('POST', `${requestsPath(cabinet.organisation.id)}/${userId}/approve`, {
      token: cabinet.token,
      body: { role: 'VIEWER' },
    });

    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      userId,
      status: 'APPROVED',
      requestedRole: 'MEMBER',
      role: 'VIEWER',
      reviewedBy: cabinet.user.id,
      reviewedAt: expect.any(String),
    });
    const signedIn = await login(input.email);
    expect(signedIn.status).toBe(200);
    expect(claimsOf(signedIn.body.token)).toMatchObject({ organisationId: cabinet.organisation.id, role: 'VIEWER' });
    expect(signedIn.body.user).toMatchObject({ id: userId, role: 'VIEWER', organisationId: cabinet.organisation.id });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 2 });
  });

  it('keeps the requested role when none is given, and moves the request to the APPROVED list', async () => {
    const cabinet = await cabinetRequiringApproval();
    const { userId } = await pendingUser(cabinet);

    await api('POST', `${requestsPath(cabinet.organisation.id)}/${userId}/approve`, { token: cabinet.token, body: {} });

    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${userId}`)).toMatchObject({ status: 'ACTIVE', role: 'MEMBER' });
    const pending = await api('GET', requestsPath(cabinet.organisation.id), { token: cabinet.token });
    const approved = await api('GET', `${requestsPath(cabinet.organisation.id)}?status=APPROVED`, { token: cabinet.token });
    expect(pending.body.items).toEqual([]);
    expect(approved.body.items).toEqual([expect.objectContaining({ userId, status: 'APPROVED', role: 'MEMBER' })]);
  });

  it('records the approval in the audit trail', async () => {
    const cabinet = await cabinetRequiringApproval();
    const { userId } = await pendingUser(cabinet);

    await api('POST', `${requestsPath(cabinet.organisation.id)}/${userId}/approve`, { token: cabinet.token, body: { role: 'VIEWER' } });

    expect((await auditTrail(cabinet.organisation.id)).at(-1)).toEqual({
      action: 'join-request.approved',
      actorId: cabinet.user.id,
      target: userId,
      details: { role: 'VIEWER', requestedRole: 'MEMBER' },
    });
  });

  it('answers 409 for a request already reviewed', async () => {
    const cabinet = await cabinetRequiringApproval();
    const { userId } = await pendingUser(cabinet);
    const path = `${requestsPath(cabinet.organisation.id)}/${userId}`;
    await api('POST', `${path}/approve`, { token: cabinet.token, body: {} });

    const again = await api('POST', `${path}/approve`, { token: cabinet.token, body: {} });
    const reject = await api('POST', `${path}/reject`, { token: cabinet.token, body: { reason: 'Too late' } });

    expect(again.status).toBe(409);
    expect(problemOf(again)).toBe('join-request-not-pending');
    expect(reject.status).toBe(409);
  });

  it('answers 404 for an unknown request', async () => {
    const cabinet = await registerCabinet();

    const response = await api('POST', `${requestsPath(cabinet.organisation.id)}/00000000-0000-0000-0000-000000000000/approve`, {
      token: cabinet.token,
      body: {},
    });

    expect(response.status).toBe(404);
    expect(problemOf(response)).toBe('join-request-not-found');
  });

  it('answers 409 when the organisation has no seat left, and leaves the request pending', async () => {
    const cabinet = await cabinetRequiringApproval();
    const { userId } = await pendingUser(cabinet);
    await setOrganisationFields(cabinet.organisation.id, { maxUsers: 1 });

    const response = await api('POST', `${requestsPath(cabinet.organisation.id)}/${userId}/approve`, { token: cabinet.token, body: {} });

    expect(response.status).toBe(409);
    expect(problemOf(response)).toBe('organisation-full');
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `JOINREQ#${userId}`)).toMatchObject({ status: 'PENDING' });
  });
});

describe('POST /api/organisations/{id}/join-requests/{userId}/reject', () => {
  it('records the rejection with its reason, removes the pending membership and audits it', async () => {
    const cabinet = await cabinetRequiringApproval();
    const { input, userId } = await pendingUser(cabinet);

    const response = await api('POST', `${requestsPath(cabinet.organisation.id)}/${userId}/reject`, {
      token: cabinet.token,
      body: { reason: '  Not one of our practitioners  ' },
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      userId,
      status: 'REJECTED',
      reason: 'Not one of our practitioners',
      reviewedBy: cabinet.user.id,
    });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${userId}`)).toBeUndefined();
    const rejected = await api('GET', `${requestsPath(cabinet.organisation.id)}?status=REJECTED`, { token: cabinet.token });
    expect(rejected.body.items).toEqual([expect.objectContaining({ userId, status: 'REJECTED', reason: 'Not one of our practitioners' })]);
    expect((await auditTrail(cabinet.organisation.id)).at(-1)).toEqual({
      action: 'join-request.rejected',
      actorId: cabinet.user.id,
      target: userId,
      details: { reason: 'Not one of our practitioners' },
    });
    // The account stays, without organisation and without anything pending.
    const after = await login(input.email);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ organisation: null, pendingMemberships: [] });
  });

  it('requires a reason of 1 to 500 characters', async () => {
    const cabinet = await cabinetRequiringApproval();
    const { userId } = await pendingUser(cabinet);
    const path = `${requestsPath(cabinet.organisation.id)}/${userId}/reject`;

    const empty = await api('POST', path, { token: cabinet.token, body: { reason: '   ' } });
    const long = await api('POST', path, { token: cabinet.token, body: { reason: 'x'.repeat(501) } });

    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([{ path: 'reason', message: 'reason is required' }]);
    expect(long.body.errors).toEqual([{ path: 'reason', message: 'reason must be at most 500 characters' }]);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `JOINREQ#${userId}`)).toMatchObject({ status: 'PENDING' });
  });

  it('answers 403 to a MEMBER', async () => {
    const cabinet = await registerCabinet();
    const member = await joinWithCode(cabinet.organisation.code);
    await api('PATCH', `/api/organisations/${cabinet.organisation.id}/join-code`, {
      token: cabinet.token,
      body: { requiresApproval: true },
    });
    const { userId } = await pendingUser(cabinet);

    const response = await api('POST', `${requestsPath(cabinet.organisation.id)}/${userId}/reject`, {
      token: member.response.body.token,
      body: { reason: 'No' },
    });

    expect(response.status).toBe(403);
  });
});
