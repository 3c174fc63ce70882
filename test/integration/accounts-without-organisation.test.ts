// Accounts without an organisation (seed 004's is_organization: false) and leaving an organisation (issue 9).
import { describe, expect, it } from 'vitest';
import { accountInput, registerAccount } from '#test/accounts';
import { api, claimsOf, problemOf, registerCabinet } from '#test/api';
import { getItem } from '#test/emulators';
import { tokenFromMail, VERIFICATION_SUBJECT } from '#test/mail';
import { eventually } from '#test/members';
import { addNewMember, createOrganisation, switchTo } from '#test/organisations';
import { auditTrail, login, register } from '#test/registration';

const orgPath = (id: string, rest = '') => `/api/organisations/${id}${rest}`;

describe('POST /api/auth/register with registrationType "account"', () => {
  it('answers 201 with a session without organisation, stores the profile fields and e-mails a verification link', async () => {
    const input = accountInput({
      fullName: 'Amina Diallo',
      nom: undefined,
      prenom: undefined,
      gender: 'female',
      dateOfBirth: '1992-04-03',
      phone: '+33698765432',
      avatarUrl: 'https://cdn.example.org/avatars/amina.jpg',
    });

    const response = await register(input);

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      token: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: expect.any(Number),
      user: { id: expect.any(String), username: input.email, role: null, organisationId: null, nom: 'Diallo', prenom: 'Amina' },
      organisation: null,
      pendingMemberships: [],
    });
    expect(claimsOf(response.body.token)).not.toHaveProperty('organisationId');
    expect(await getItem(`USER#${response.body.user.id}`, 'PROFILE')).toMatchObject({
      email: input.email,
      emailVerified: false,
      gender: 'female',
      dateOfBirth: '1992-04-03',
      phone: '+33698765432',
      avatarUrl: 'https://cdn.example.org/avatars/amina.jpg',
      lastLoginAt: expect.any(String),
    });
    expect(await tokenFromMail(input.email, VERIFICATION_SUBJECT)).toMatch(/^[\w-]{40,}$/);
    const me = await api('GET', '/api/auth/me', { token: response.body.token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { gender: 'female', organisationId: null }, organisation: null });
  });

  it('answers 409 for a taken address and 400 for an invalid body, creating nothing', async () => {
    const first = await registerAccount();
    const again = await register(accountInput({ email: first.email }));
    expect(again.status).toBe(409);
    expect(problemOf(again)).toBe('email-taken');

    const invalid = await register(accountInput({ confirmPassword: 'Other2025!x', phone: '0612345678', gender: 'unknown' }));
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['confirmPassword', 'gender', 'phone']);
  });

  it('lets such a person sign in and see their (empty) organisations; member routes answer 403 until they have one', async () => {
    const account = await registerAccount();

    const session = await login(account.email);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ organisation: null, pendingMemberships: [] });
    expect((await api('GET', '/api/organisations', { token: session.body.token })).body).toEqual({ items: [] });
    for (const path of ['/api/patients', `${orgPath('anything')}`]) {
      const refused = await api('GET', path, { token: session.body.token });
      expect(refused.status).toBe(403);
      expect(problemOf(refused)).toBe('no-organisation-selected');
    }
  });

  it('joins by code, then switches to the organisation it chose and reaches its data', async () => {
    const [account, cabinet] = await Promise.all([registerAccount(), registerCabinet()]);

    const joined = await api('POST', '/api/auth/join-organisation', {
      token: account.token,
      body: { organisationCode: cabinet.organisation.code },
    });

    expect(joined.status).toBe(201);
    // Joining does not choose for the person: the token still names nothing until they switch.
    expect(await getItem(`USER#${account.user.id}`, 'PROFILE')).not.toHaveProperty('currentOrganisationId');
    const switched = await switchTo(account, cabinet.organisation.id);
    expect(switched.user).toMatchObject({ organisationId: cabinet.organisation.id, role: 'MEMBER' });
    expect((await api('GET', '/api/patients', { token: switched.token })).status).toBe(200);
    // Their next sign-in lands where they chose.
    expect((await login(account.email)).body.organisation.id).toBe(cabinet.organisation.id);
  });

  it('creates an organisation and becomes its ADMIN', async () => {
    const account = await registerAccount();
    const created = await createOrganisation(account.token);
    const switched = await switchTo(account, created.id);
    expect(switched.user.role).toBe('ADMIN');
    expect((await api('GET', orgPath(created.id, '/members'), { token: switched.token })).status).toBe(200);
  });
});

describe('POST /api/organisations/{id}/leave', () => {
  it("leaves any of the person's organisations (not only the token's): 204, the seat freed, audited", async () => {
    const [cabinet, account] = await Promise.all([registerCabinet(), registerAccount()]);
    await api('POST', '/api/auth/join-organisation', { token: account.token, body: { organisationCode: cabinet.organisation.code } });
    expect((await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS'))?.memberCount).toBe(2);

    // The token names no organisation at all: leaving is addressed by the path.
    const left = await api('POST', orgPath(cabinet.organisation.id, '/leave'), { token: account.token });

    expect(left.status).toBe(204);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${account.user.id}`)).toBeUndefined();
    expect((await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS'))?.memberCount).toBe(1);
    expect((await auditTrail(cabinet.organisation.id)).at(-1)).toMatchObject({
      action: 'member.left',
      actorId: account.user.id,
      target: account.user.id,
    });
    expect((await api('GET', '/api/organisations', { token: account.token })).body.items).toEqual([]);
  });

  it("forgets it as the current organisation: the leaver's token stops working, the next one names none", async () => {
    const cabinet = await registerCabinet();
    const member = await addNewMember(cabinet, 'MEMBER');

    expect((await api('POST', orgPath(cabinet.organisation.id, '/leave'), { token: member.token })).status).toBe(204);

    expect(await getItem(`USER#${member.user.id}`, 'PROFILE')).not.toHaveProperty('currentOrganisationId');
    const refused = await eventually(
      () => api('GET', '/api/patients', { token: member.token }),
      (response) => response.status === 401,
    );
    expect(problemOf(refused)).toBe('membership-inactive');
    expect((await login(member.user.username)).body.organisation).toBeNull();
  });

  it('withdraws a pending request to join', async () => {
    const [cabinet, account] = await Promise.all([registerCabinet(), registerAccount()]);
    await api('PATCH', orgPath(cabinet.organisation.id, '/join-code'), { token: cabinet.token, body: { requiresApproval: true } });
    const asked = await api('POST', '/api/auth/join-organisation', {
      token: account.token,
      body: { organisationCode: cabinet.organisation.code },
    });
    expect(asked.status).toBe(202);

    expect((await api('POST', orgPath(cabinet.organisation.id, '/leave'), { token: account.token })).status).toBe(204);

    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${account.user.id}`)).toBeUndefined();
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `JOINREQ#${account.user.id}`)).toBeUndefined();
    expect((await auditTrail(cabinet.organisation.id)).at(-1)).toMatchObject({ action: 'join-request.withdrawn' });
    const requests = await api('GET', orgPath(cabinet.organisation.id, '/join-requests'), { token: cabinet.token });
    expect(requests.body.items).toEqual([]);
  });

  it('refuses the last ACTIVE ADMIN with 409 last-admin, and nothing changes; a second admin makes it possible', async () => {
    const cabinet = await registerCabinet();

    const refused = await api('POST', orgPath(cabinet.organisation.id, '/leave'), { token: cabinet.token });

    expect(refused.status).toBe(409);
    expect(problemOf(refused)).toBe('last-admin');
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${cabinet.user.id}`)).toMatchObject({ status: 'ACTIVE' });
    await addNewMember(cabinet, 'ADMIN');
    expect((await api('POST', orgPath(cabinet.organisation.id, '/leave'), { token: cabinet.token })).status).toBe(204);
    expect((await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS'))?.adminCount).toBe(1);
  });

  it('answers 404 alike for an organisation the person does not belong to and for an unknown one', async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), registerCabinet()]);
    const foreign = await api('POST', orgPath(other.organisation.id, '/leave'), { token: cabinet.token });
    const unknown = await api('POST', orgPath('no-such-organisation', '/leave'), { token: cabinet.token });
    expect(foreign.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(foreign.body.detail).toBe(unknown.body.detail);
    expect((await api('POST', orgPath(other.organisation.id, '/leave'))).status).toBe(401);
  });
});
