// An existing account (a practitioner working at a second practice) joins another organisation with its code:
// POST /api/auth/join-organisation, with the same limits and answers as a join at registration, but no new account.
import { describe, expect, it } from 'vitest';
import { api, claimsOf, problemOf, registerCabinet } from '#test/api';
import { getItem } from '#test/emulators';
import { switchTo } from '#test/organisations';
import { apiFrom, auditTrail, newClientAddress } from '#test/registration';

const joinOrganisation = (token: string, organisationCode: unknown) =>
  apiFrom(newClientAddress(), 'POST', '/api/auth/join-organisation', { token, body: { organisationCode } });

describe('POST /api/auth/join-organisation', () => {
  it("makes the signed-in user an ACTIVE member with the code's role, counts one use, and keeps their current organisation", async () => {
    const [practitioner, other] = [await registerCabinet(), await registerCabinet()];

    const response = await joinOrganisation(practitioner.token, other.organisation.code);

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      organisation: { id: other.organisation.id, nom: other.input.organisationName },
      membership: { role: 'MEMBER', status: 'ACTIVE' },
    });
    const userId = practitioner.user.id;
    expect(await getItem(`ORG#${other.organisation.id}`, `MEMBER#${userId}`)).toMatchObject({ role: 'MEMBER', status: 'ACTIVE' });
    expect(await getItem(`ORG#${other.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 2, codeUses: 1 });
    expect(await getItem(`USER#${userId}`, 'PROFILE')).toMatchObject({ currentOrganisationId: practitioner.organisation.id });
    expect((await auditTrail(other.organisation.id)).map((entry: { action: string }) => entry.action)).toContain('member.joined-by-code');

    // Their token still works for their own organisation; switching gives one for the new one, with its role.
    expect((await api('GET', '/api/auth/me', { token: practitioner.token })).body.organisation.id).toBe(practitioner.organisation.id);
    const switched = await switchTo(practitioner, other.organisation.id);
    expect(claimsOf(switched.token)).toMatchObject({ organisationId: other.organisation.id, role: 'MEMBER' });
  });

  it('records a join request when the code requires approval (202), and an approval makes the membership ACTIVE', async () => {
    const [practitioner, other] = [await registerCabinet(), await registerCabinet()];
    const policy = await api('PATCH', `/api/organisations/${other.organisation.id}/join-code`, {
      token: other.token,
      body: { requiresApproval: true },
    });
    expect(policy.status).toBe(200);

    const response = await joinOrganisation(practitioner.token, other.organisation.code);

    expect(response.status).toBe(202);
    expect(response.body.membership).toEqual({ role: 'MEMBER', status: 'PENDING' });
    const requests = await api('GET', `/api/organisations/${other.organisation.id}/join-requests`, { token: other.token });
    expect(requests.body.items.map((request: { userId: string }) => request.userId)).toEqual([practitioner.user.id]);
    // Not a member yet: no token for that organisation.
    const early = await api('POST', '/api/auth/switch-organisation', {
      token: practitioner.token,
      body: { organisationId: other.organisation.id, refreshToken: practitioner.refreshToken },
    });
    expect(early.status).toBe(403);

    const approval = await api('POST', `/api/organisations/${other.organisation.id}/join-requests/${practitioner.user.id}/approve`, {
      token: other.token,
      body: {},
    });
    expect(approval.status).toBe(200);
    expect(claimsOf((await switchTo(practitioner, other.organisation.id)).token)).toMatchObject({ organisationId: other.organisation.id });
  });

  it('answers 409 to a member of the organisation and to a second request awaiting approval', async () => {
    const [practitioner, other] = [await registerCabinet(), await registerCabinet()];
    const own = await joinOrganisation(practitioner.token, practitioner.organisation.code);
    expect(own.status).toBe(409);
    expect(problemOf(own)).toBe('already-member');

    await api('PATCH', `/api/organisations/${other.organisation.id}/join-code`, { token: other.token, body: { requiresApproval: true } });
    expect((await joinOrganisation(practitioner.token, other.organisation.code)).status).toBe(202);
    const again = await joinOrganisation(practitioner.token, other.organisation.code);
    expect(again.status).toBe(409);
    expect(await getItem(`ORG#${other.organisation.id}`, 'COUNTERS')).toMatchObject({ codeUses: 1 });
  });

  it('answers 404 for a code no organisation has, 400 for a malformed one, and 401 without a token', async () => {
    const practitioner = await registerCabinet();
    const unknown = await joinOrganisation(practitioner.token, '0000000000');
    expect(unknown.status).toBe(404);
    expect(problemOf(unknown)).toBe('organisation-not-found');

    const malformed = await joinOrganisation(practitioner.token, '12-34');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ path: 'organisationCode', message: 'Code must be exactly 10 digits' }]);

    expect((await api('POST', '/api/auth/join-organisation', { body: { organisationCode: '0000000000' } })).status).toBe(401);
  });
});
