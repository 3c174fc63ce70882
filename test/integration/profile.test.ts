// The profile (issue 9): GET /api/auth/me returns it, PATCH changes it; every way of creating an account takes the
// same optional fields; member lists show colleagues only what they should see.
import { describe, expect, it } from 'vitest';
import { registerAccount } from '#test/accounts';
import { api, claimsOf, PASSWORD, registerCabinet, unique } from '#test/api';
import { getItem } from '#test/emulators';
import { latestMail, VERIFICATION_SUBJECT, verifyFromMail } from '#test/mail';
import { addNewMember, signIn } from '#test/organisations';
import { createInput, register } from '#test/registration';

const patch = (token: string, body: Record<string, unknown>) => api('PATCH', '/api/auth/me', { token, body });

const PROFILE = {
  phone: '+33612345678',
  avatarUrl: 'https://cdn.example.org/avatars/jean.jpg',
  dateOfBirth: '1975-06-14',
  gender: 'male',
  location: 'Paris 11e',
  bio: 'Médecin généraliste.\nDepuis 2004.',
  specialization: 'Médecine générale',
};

describe('GET /api/auth/me', () => {
  it('returns the profile with email, emailVerified, createdAt, updatedAt and lastLoginAt, and the organisation', async () => {
    const cabinet = await registerCabinet();
    const firstLogin = (await getItem(`USER#${cabinet.user.id}`, 'PROFILE'))?.lastLoginAt as string;
    const later = await signIn(cabinet.input.username);

    const me = await api('GET', '/api/auth/me', { token: later.token });

    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({
      id: cabinet.user.id,
      role: 'ADMIN',
      organisationId: cabinet.organisation.id,
      email: null,
      emailVerified: false,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      lastLoginAt: expect.any(String),
    });
    // Maintained at sign-in (registration signed in once, the login again), not by member requests.
    expect(me.body.user.lastLoginAt > firstLogin).toBe(true);
    expect(me.body.organisation).toEqual(cabinet.organisation);
    await api('GET', '/api/patients', { token: later.token });
    expect((await getItem(`USER#${cabinet.user.id}`, 'PROFILE'))?.lastLoginAt).toBe(me.body.user.lastLoginAt);
  });

  it("lists the caller's permissions in the organisation: its role's, from the live membership", async () => {
    const cabinet = await registerCabinet();
    const viewer = await addNewMember(cabinet, 'VIEWER');

    expect((await api('GET', '/api/auth/me', { token: cabinet.token })).body.permissions).toContain('members:manage');
    expect((await api('GET', '/api/auth/me', { token: viewer.token })).body.permissions).toEqual(['members:read', 'patients:read']);

    const promoted = await api('PATCH', `/api/organisations/${cabinet.organisation.id}/members/${viewer.user.id}`, {
      token: cabinet.token,
      body: { role: 'MEMBER' },
    });
    expect(promoted.status).toBe(200);
    await expect
      .poll(async () => (await api('GET', '/api/auth/me', { token: viewer.token })).body.permissions, { timeout: 10_000 })
      .toEqual(['members:read', 'patients:read', 'patients:write']);
  });
});

describe('PATCH /api/auth/me', () => {
  it('sets the profile fields, and null clears one; GET /api/auth/me shows them', async () => {
    const cabinet = await registerCabinet();

    const set = await patch(cabinet.token, { ...PROFILE, locale: 'en', fullName: 'Jean-Pierre Martin Durand' });

    expect(set.status).toBe(200);
    expect(set.body.user).toMatchObject({ ...PROFILE, locale: 'en', prenom: 'Jean-Pierre', nom: 'Martin Durand' });
    const cleared = await patch(cabinet.token, { bio: null, phone: null, locale: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.user).toMatchObject({ bio: null, phone: null, locale: null, location: 'Paris 11e' });
    const me = await api('GET', '/api/auth/me', { token: cabinet.token });
    expect(me.body).toEqual(cleared.body);
    expect(me.body.user.updatedAt > me.body.user.createdAt).toBe(true);
  });

  it('renames the person in every member list they appear in', async () => {
    const cabinet = await registerCabinet();
    const member = await addNewMember(cabinet, 'MEMBER');

    await patch(member.token, { nom: 'Nouveau', prenom: 'Nom' });

    const members = await api('GET', `/api/organisations/${cabinet.organisation.id}/members`, { token: cabinet.token });
    expect(members.body.items.find((item: { userId: string }) => item.userId === member.user.id)).toMatchObject({
      nom: 'Nouveau',
      prenom: 'Nom',
    });
  });

  it('refuses role, organisationId, id and username with 400 naming each, and changes nothing', async () => {
    const cabinet = await registerCabinet();

    const response = await patch(cabinet.token, {
      role: 'ADMIN',
      organisationId: 'another',
      id: 'another',
      username: 'someone.else',
      bio: 'x',
    });

    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['id', 'organisationId', 'role', 'username']);
    expect(response.body.errors.find((error: { path: string }) => error.path === 'role').message).toBe(
      'role cannot be changed here: roles are per organisation, set by its admins',
    );
    expect(await getItem(`USER#${cabinet.user.id}`, 'PROFILE')).not.toHaveProperty('bio');
  });

  it('validates each field: E.164 phone, https avatar, a past date, the gender list, text without control characters', async () => {
    const cabinet = await registerCabinet();

    const response = await patch(cabinet.token, {
      phone: '06 12 34 56 78',
      avatarUrl: 'http://cdn.example.org/a.jpg',
      dateOfBirth: '2999-01-01',
      gender: 'unknown',
      location: 'Paris\u202E',
      specialization: 'a\nb',
      unknownField: 1,
    });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        {
          path: 'phone',
          message: 'phone must be an E.164 number: +, the country code and the number, 15 digits at most (e.g. +33142868200)',
        },
        { path: 'avatarUrl', message: 'avatarUrl must be an https URL (without credentials)' },
        { path: 'dateOfBirth', message: 'dateOfBirth must not be in the future' },
        { path: 'gender', message: 'gender must be one of female, male, other' },
        { path: 'location', message: 'location must not contain bidirectional control characters' },
        { path: 'specialization', message: 'specialization must be a single line' },
        { path: 'unknownField', message: 'Unknown field' },
      ]),
    );
  });

  it('starts verification over when the email changes: unverified, a link to the new address, the old one free', async () => {
    const email = `${unique('before')}@example.org`;
    const cabinet = await registerCabinet({ email });
    await verifyFromMail(email);
    const next = `${unique('after')}@example.org`;

    const response = await patch(cabinet.token, { email: next });

    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ email: next, emailVerified: false });
    expect((await latestMail(next, VERIFICATION_SUBJECT)).token).toEqual(expect.any(String));
    expect(await getItem(`EMAIL#${email}`, 'GUARD')).toBeUndefined();
    await verifyFromMail(next);
    expect((await api('GET', '/api/auth/me', { token: cabinet.token })).body.user).toMatchObject({ email: next, emailVerified: true });
  });

  it('works for a person without organisation (organisation stays null)', async () => {
    const account = await registerAccount();
    const response = await patch(account.token, { specialization: 'Infirmière' });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ user: { specialization: 'Infirmière', organisationId: null }, organisation: null });
  });
});

describe('profile fields when an account is created', () => {
  it('are taken by register (create and join), register-cabinet and an admin creating an account', async () => {
    const created = await register(createInput({ ...PROFILE }));
    expect(created.status).toBe(201);
    const cabinet = await registerCabinet({ ...PROFILE });
    const joined = await register({
      registrationType: 'join',
      email: `${unique('join')}@example.org`,
      password: PASSWORD,
      confirmPassword: PASSWORD,
      fullName: 'Awa Koné',
      organisationCode: cabinet.organisation.code,
      gender: 'female',
      phone: '+22501020304',
    });
    expect(joined.status).toBe(201);
    const added = await api('POST', `/api/organisations/${cabinet.organisation.id}/members`, {
      token: cabinet.token,
      body: { username: unique('agent'), password: PASSWORD, nom: 'Petit', prenom: 'Lucas', role: 'VIEWER', ...PROFILE },
    });
    expect(added.status).toBe(201);

    for (const userId of [created.body.user.id, cabinet.user.id]) {
      expect(await getItem(`USER#${userId}`, 'PROFILE')).toMatchObject(PROFILE);
    }
    expect(await getItem(`USER#${joined.body.user.id}`, 'PROFILE')).toMatchObject({ gender: 'female', phone: '+22501020304' });
    expect(await getItem(`USER#${added.body.member.userId}`, 'PROFILE')).toMatchObject(PROFILE);
    // Profile fields stay out of tokens.
    expect(claimsOf(cabinet.token)).not.toHaveProperty('phone');
  });

  it('are refused on an existing-user addition, where they would be silently ignored', async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), registerCabinet()]);
    const response = await api('POST', `/api/organisations/${cabinet.organisation.id}/members`, {
      token: cabinet.token,
      body: { username: other.input.username, role: 'VIEWER', phone: '+33612345678' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'phone', message: 'phone is only accepted with password (new account)' }]);
  });
});

describe('member lists', () => {
  it('show colleagues their name, username, role and status, never their profile or address', async () => {
    const cabinet = await registerCabinet({ ...PROFILE, email: `${unique('private')}@example.org` });

    const members = await api('GET', `/api/organisations/${cabinet.organisation.id}/members`, { token: cabinet.token });

    expect(Object.keys(members.body.items[0]).sort()).toEqual(['joinedAt', 'nom', 'prenom', 'role', 'status', 'userId', 'username']);
  });
});
