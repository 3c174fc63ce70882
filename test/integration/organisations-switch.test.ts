// POST /api/auth/switch-organisation: a user belonging to several organisations gets a token for another one,
// and that token sees that organisation's data only.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { api, claimsOf, registerCabinet } from '#test/api';
import { getItem } from '#test/emulators';
import { addExistingUser, addNewMember, createOrganisation, signIn, switchTo } from '#test/organisations';

const patientNames = async (token: string) =>
  ((await api('GET', '/api/patients?limit=100', { token })).body.items as { nom: string }[]).map((patient) => patient.nom).sort();

describe('POST /api/auth/switch-organisation', () => {
  it("gives a member of two organisations a token for the other one, which sees that organisation's patients only", async () => {
    const cabinet = await registerCabinet();
    await api('POST', '/api/patients', { token: cabinet.token, body: { nom: 'Patient-A', prenom: 'Premier' } });
    const second = await createOrganisation(cabinet.token);

    const switched = await api('POST', '/api/auth/switch-organisation', {
      token: cabinet.token,
      body: { organisationId: second.id, refreshToken: cabinet.refreshToken },
    });

    expect(switched.status).toBe(200);
    expect(switched.body).toEqual({
      token: expect.any(String),
      expiresIn: expect.any(Number),
      user: {
        id: cabinet.user.id,
        username: cabinet.user.username,
        role: 'ADMIN',
        organisationId: second.id,
        nom: 'Martin',
        prenom: 'Jean',
      },
      organisation: { id: second.id, nom: second.nom, code: second.code },
    });
    expect(claimsOf(switched.body.token)).toMatchObject({ sub: cabinet.user.id, organisationId: second.id, role: 'ADMIN' });
    expect(await patientNames(switched.body.token)).toEqual([]);
    await api('POST', '/api/patients', { token: switched.body.token, body: { nom: 'Patient-B', prenom: 'Second' } });
    expect(await patientNames(switched.body.token)).toEqual(['Patient-B']);

    const back = await switchTo({ token: switched.body.token, refreshToken: cabinet.refreshToken }, cabinet.organisation.id);
    expect(await patientNames(back.token)).toEqual(['Patient-A']);
  });

  it('makes the switch stick: the next sign-in is for the chosen organisation', async () => {
    const cabinet = await registerCabinet();
    const second = await createOrganisation(cabinet.token);

    await switchTo(cabinet, second.id);

    expect(await getItem(`USER#${cabinet.user.id}`, 'PROFILE')).toMatchObject({ currentOrganisationId: second.id });
    const session = await signIn(cabinet.input.username);
    expect(session.organisation.id).toBe(second.id);
  });

  it("answers with the member's role there, and no code for a MEMBER", async () => {
    const [a, b] = await Promise.all([registerCabinet(), registerCabinet()]);
    await addExistingUser(b, a, 'MEMBER');

    const switched = await switchTo(a, b.organisation.id);

    expect(switched.user).toMatchObject({ role: 'MEMBER', organisationId: b.organisation.id });
    expect(switched.organisation).toEqual({ id: b.organisation.id, nom: b.input.organisationName });
    expect(claimsOf(switched.token)).toMatchObject({ organisationId: b.organisation.id, role: 'MEMBER' });
  });

  it('answers 403 for an organisation the caller does not belong to, exactly like an unknown one', async () => {
    const [a, b] = await Promise.all([registerCabinet(), registerCabinet()]);

    const foreign = await api('POST', '/api/auth/switch-organisation', {
      token: a.token,
      body: { organisationId: b.organisation.id, refreshToken: a.refreshToken },
    });
    const unknown = await api('POST', '/api/auth/switch-organisation', {
      token: a.token,
      body: { organisationId: randomUUID(), refreshToken: a.refreshToken },
    });

    expect(foreign.status).toBe(403);
    expect(unknown.status).toBe(403);
    expect({ ...foreign.body, instance: undefined }).toEqual({ ...unknown.body, instance: undefined });
    expect(await getItem(`USER#${a.user.id}`, 'PROFILE')).toMatchObject({ currentOrganisationId: a.organisation.id });
  });

  it('answers 403 for a suspended membership', async () => {
    const [a, b] = await Promise.all([registerCabinet(), registerCabinet()]);
    await addExistingUser(b, a, 'MEMBER');
    const suspend = await api('PATCH', `/api/organisations/${b.organisation.id}/members/${a.user.id}`, {
      token: b.token,
      body: { status: 'SUSPENDED' },
    });
    expect(suspend.status).toBe(200);

    const response = await api('POST', '/api/auth/switch-organisation', {
      token: a.token,
      body: { organisationId: b.organisation.id, refreshToken: a.refreshToken },
    });

    expect(response.status).toBe(403);
  });

  it("answers 401 when the refresh token is another user's", async () => {
    const cabinet = await registerCabinet();
    const second = await createOrganisation(cabinet.token);
    const someoneElse = await addNewMember(cabinet, 'MEMBER');

    const response = await api('POST', '/api/auth/switch-organisation', {
      token: cabinet.token,
      body: { organisationId: second.id, refreshToken: someoneElse.refreshToken },
    });

    expect(response.status).toBe(401);
    expect(response.text).not.toContain('eyJ');
  });

  it('answers 401 without a token and 400 without a refresh token', async () => {
    const cabinet = await registerCabinet();

    const anonymous = await api('POST', '/api/auth/switch-organisation', {
      body: { organisationId: cabinet.organisation.id, refreshToken: cabinet.refreshToken },
    });
    const missing = await api('POST', '/api/auth/switch-organisation', {
      token: cabinet.token,
      body: { organisationId: cabinet.organisation.id },
    });

    expect(anonymous.status).toBe(401);
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ path: 'refreshToken', message: 'refreshToken is required' }]);
  });
});
