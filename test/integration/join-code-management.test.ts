// Join-code management (seeds 001, 003): admins read the code and its policy, disable it, set an expiry, a
// maximum number of uses, the role it grants (never ADMIN) and whether joining needs approval, and rotate it.
import { describe, expect, it } from 'vitest';
import { api, claimsOf, newClientAddress, problemOf, registerCabinet } from '#test/api';
import { cognitoUserExists, getItem } from '#test/emulators';
import { createRole, orgPath } from '#test/members';
import { auditTrail, joinInput, joinWithCode, register } from '#test/registration';

const codePath = (organisationId: string) => `/api/organisations/${organisationId}/join-code`;

async function cabinetWithMember() {
  const cabinet = await registerCabinet();
  const member = await joinWithCode(cabinet.organisation.code);
  return { cabinet, memberToken: member.response.body.token as string };
}

describe('GET /api/organisations/{id}/join-code', () => {
  it('shows an admin the code and its default policy', async () => {
    const cabinet = await registerCabinet();

    const response = await api('GET', codePath(cabinet.organisation.id), { token: cabinet.token });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      code: cabinet.organisation.code,
      enabled: true,
      expiresAt: null,
      maxUses: null,
      uses: 0,
      role: 'MEMBER',
      requiresApproval: false,
      sharedWithMembers: false,
    });
  });

  it('answers 403 to a MEMBER', async () => {
    const { cabinet, memberToken } = await cabinetWithMember();

    const response = await api('GET', codePath(cabinet.organisation.id), { token: memberToken });

    expect(response.status).toBe(403);
  });

  it('answers 404 to the admin of another organisation', async () => {
    const cabinet = await registerCabinet();
    const other = await registerCabinet();

    const response = await api('GET', codePath(cabinet.organisation.id), { token: other.token });

    expect(response.status).toBe(404);
  });
});

describe('PATCH /api/organisations/{id}/join-code', () => {
  it('updates the policy and records the change in the audit trail', async () => {
    const cabinet = await registerCabinet();
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();

    const response = await api('PATCH', codePath(cabinet.organisation.id), {
      token: cabinet.token,
      body: { expiresAt, maxUses: 5, role: 'VIEWER', requiresApproval: true },
    });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      code: cabinet.organisation.code,
      enabled: true,
      expiresAt,
      maxUses: 5,
      uses: 0,
      role: 'VIEWER',
      requiresApproval: true,
      sharedWithMembers: false,
    });
    expect((await api('GET', codePath(cabinet.organisation.id), { token: cabinet.token })).body).toEqual(response.body);
    expect((await auditTrail(cabinet.organisation.id)).at(-1)).toEqual({
      action: 'join-code.updated',
      actorId: cabinet.user.id,
      target: undefined,
      details: { changes: { expiresAt, maxUses: 5, role: 'VIEWER', requiresApproval: true } },
    });
  });

  it('clears the expiry and the maximum with null', async () => {
    const cabinet = await registerCabinet();
    const path = codePath(cabinet.organisation.id);
    await api('PATCH', path, { token: cabinet.token, body: { expiresAt: new Date(Date.now() + 60_000).toISOString(), maxUses: 3 } });

    const response = await api('PATCH', path, { token: cabinet.token, body: { expiresAt: null, maxUses: null } });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ expiresAt: null, maxUses: null });
  });

  it('gives new members the role the code grants', async () => {
    const cabinet = await registerCabinet();
    await api('PATCH', codePath(cabinet.organisation.id), { token: cabinet.token, body: { role: 'VIEWER' } });

    const { response } = await joinWithCode(cabinet.organisation.code);

    expect(response.status).toBe(201);
    expect(response.body.user.role).toBe('VIEWER');
    expect(claimsOf(response.body.token)).toMatchObject({ organisationId: cabinet.organisation.id, role: 'VIEWER' });
  });

  it("refuses ADMIN as the code's role (400) and changes nothing", async () => {
    const cabinet = await registerCabinet();

    const response = await api('PATCH', codePath(cabinet.organisation.id), { token: cabinet.token, body: { role: 'ADMIN' } });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'role', message: 'A join code cannot grant ADMIN: it holds management permissions' }]);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION')).toMatchObject({ joinCode: { role: 'MEMBER' } });
  });

  it('refuses an unknown role (400)', async () => {
    const cabinet = await registerCabinet();

    const response = await api('PATCH', codePath(cabinet.organisation.id), { token: cabinet.token, body: { role: 'senior_lawyer' } });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'role', message: 'Unknown role: senior_lawyer' }]);
  });

  it('lists every invalid field: past expiry, maxUses below 1, ADMIN role, unknown field', async () => {
    const cabinet = await registerCabinet();

    const response = await api('PATCH', codePath(cabinet.organisation.id), {
      token: cabinet.token,
      body: { expiresAt: '2020-01-01T00:00:00Z', maxUses: 0, role: 'ADMIN', code: '1234567890' },
    });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: 'expiresAt', message: 'expiresAt must be in the future' },
      { path: 'maxUses', message: 'maxUses must be at least 1' },
      { path: 'role', message: 'A join code cannot grant ADMIN: it holds management permissions' },
      { path: 'code', message: 'Unknown field' },
    ]);
  });

  it('answers 400 to an empty change', async () => {
    const cabinet = await registerCabinet();

    const response = await api('PATCH', codePath(cabinet.organisation.id), { token: cabinet.token, body: {} });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: '', message: 'At least one field must be given' }]);
  });

  it('answers 403 to a MEMBER and leaves the policy unchanged', async () => {
    const { cabinet, memberToken } = await cabinetWithMember();

    const response = await api('PATCH', codePath(cabinet.organisation.id), { token: memberToken, body: { enabled: false } });

    expect(response.status).toBe(403);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION')).toMatchObject({ joinCode: { enabled: true } });
  });
});

describe('the ceiling of a join code is by permission, not by name', () => {
  it('refuses a custom role holding a management permission as the code role (400), whatever it is called', async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'assistant', ['patients:read', 'members:read', 'members:manage']);

    const response = await api('PATCH', codePath(cabinet.organisation.id), { token: cabinet.token, body: { role: 'assistant' } });

    expect(response.status).toBe(400);
    expect(problemOf(response)).toBe('role-not-grantable-by-code');
    expect(response.body.errors).toEqual([{ path: 'role', message: expect.stringContaining('without management permissions') }]);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION')).toMatchObject({ joinCode: { role: 'MEMBER' } });
  });

  it('grants nothing once the code role gains a management permission after the code was configured', async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'assistant', ['patients:read', 'members:read']);
    expect((await api('PATCH', codePath(cabinet.organisation.id), { token: cabinet.token, body: { role: 'assistant' } })).status).toBe(200);
    const grown = await api('PATCH', orgPath(cabinet, '/roles/assistant'), {
      token: cabinet.token,
      body: { permissions: ['patients:read', 'members:read', 'roles:manage', 'organisation:manage'] },
    });
    expect(grown.status).toBe(200);

    const refused = await joinWithCode(cabinet.organisation.code);

    expect(refused.response.status).toBe(404);
    expect(problemOf(refused.response)).toBe('organisation-not-found');
    expect(await cognitoUserExists(refused.input.email)).toBe(false);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ROLE#assistant')).toMatchObject({ usageCount: 0 });
  });
});

describe('redeeming a code its policy no longer allows', () => {
  it('answers 404 once the code is disabled, and again once re-enabled it works', async () => {
    const cabinet = await registerCabinet();
    const path = codePath(cabinet.organisation.id);
    await api('PATCH', path, { token: cabinet.token, body: { enabled: false } });

    const refused = await joinWithCode(cabinet.organisation.code);
    await api('PATCH', path, { token: cabinet.token, body: { enabled: true } });
    const accepted = await joinWithCode(cabinet.organisation.code);

    expect(refused.response.status).toBe(404);
    expect(problemOf(refused.response)).toBe('organisation-not-found');
    expect(accepted.response.status).toBe(201);
  });

  it('answers 404 once the code has expired', async () => {
    const cabinet = await registerCabinet();
    const expiresAt = new Date(Date.now() + 60_000).toISOString();
    expect((await api('PATCH', codePath(cabinet.organisation.id), { token: cabinet.token, body: { expiresAt } })).status).toBe(200);
    const before = await joinWithCode(cabinet.organisation.code);

    // Once expiresAt is reached on the stack's clock (moved for this request alone): no wait for it.
    const at = { 'x-cabinet-clock-offset': String(Date.parse(expiresAt) - Date.now()) };
    const response = await register(joinInput(cabinet.organisation.code), newClientAddress(), at);

    expect(before.response.status).toBe(201);

    expect(response.status).toBe(404);
    expect(problemOf(response)).toBe('organisation-not-found');
  });

  it('answers 404 once the maximum number of uses is reached', async () => {
    const cabinet = await registerCabinet();
    await api('PATCH', codePath(cabinet.organisation.id), { token: cabinet.token, body: { maxUses: 2 } });

    const first = await joinWithCode(cabinet.organisation.code);
    const second = await joinWithCode(cabinet.organisation.code);
    const third = await joinWithCode(cabinet.organisation.code);

    expect([first.response.status, second.response.status, third.response.status]).toEqual([201, 201, 404]);
    expect(problemOf(third.response)).toBe('organisation-not-found');
    expect((await api('GET', codePath(cabinet.organisation.id), { token: cabinet.token })).body).toMatchObject({ uses: 2, maxUses: 2 });
  });

  it('lets exactly maxUses of several concurrent redemptions in', async () => {
    const cabinet = await registerCabinet();
    await api('PATCH', codePath(cabinet.organisation.id), { token: cabinet.token, body: { maxUses: 2 } });

    const attempts = await Promise.all(Array.from({ length: 5 }, () => joinWithCode(cabinet.organisation.code)));

    expect(attempts.map(({ response }) => response.status).sort()).toEqual([201, 201, 404, 404, 404]);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 3, codeUses: 2 });
  });
});

describe('POST /api/organisations/{id}/join-code/rotate', () => {
  it('replaces the code: the old one answers 404, the new one works, and the rotation is audited', async () => {
    const cabinet = await registerCabinet();
    const oldCode = cabinet.organisation.code as string;
    await joinWithCode(oldCode);

    const rotated = await api('POST', `${codePath(cabinet.organisation.id)}/rotate`, { token: cabinet.token });

    expect(rotated.status).toBe(200);
    const newCode = rotated.body.code as string;
    expect(newCode).toMatch(/^\d{10}$/);
    expect(newCode).not.toBe(oldCode);
    expect(rotated.body).toMatchObject({ uses: 0, enabled: true, role: 'MEMBER' });
    expect((await joinWithCode(oldCode)).response.status).toBe(404);
    expect((await joinWithCode(newCode)).response.status).toBe(201);
    expect(await getItem(`JOINCODE#${oldCode}`, 'GUARD')).toBeUndefined();
    expect(await getItem(`JOINCODE#${newCode}`, 'GUARD')).toMatchObject({ organisationId: cabinet.organisation.id });
    expect((await auditTrail(cabinet.organisation.id)).map((entry) => entry.action)).toContain('join-code.rotated');
  });

  it('shows the new code to the admin in /api/auth/me', async () => {
    const cabinet = await registerCabinet();

    const rotated = await api('POST', `${codePath(cabinet.organisation.id)}/rotate`, { token: cabinet.token });
    const me = await api('GET', '/api/auth/me', { token: cabinet.token });

    expect(me.body.organisation.code).toBe(rotated.body.code);
  });

  it('answers 403 to a MEMBER and keeps the code', async () => {
    const { cabinet, memberToken } = await cabinetWithMember();

    const response = await api('POST', `${codePath(cabinet.organisation.id)}/rotate`, { token: memberToken });

    expect(response.status).toBe(403);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION')).toMatchObject({ code: cabinet.organisation.code });
  });
});
