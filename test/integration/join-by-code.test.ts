// Seed 001: an organisation's admin shares its 10-digit code; a new user registers with it and becomes a member
// with the code's role (MEMBER unless the admin chose another). Bad codes: 400 for the format, 404 otherwise.
import { describe, expect, it } from 'vitest';
import { api, claimsOf, problemOf, registerCabinet } from '#test/api';
import { cognitoUserExists, getItem } from '#test/emulators';
import { auditTrail, joinInput, joinWithCode, register, setOrganisationFields } from '#test/registration';

describe('joining an organisation with its code (seed 001)', () => {
  it('adds the user as an ACTIVE MEMBER whose token carries the organisation, and counts one use', async () => {
    const cabinet = await registerCabinet();

    const { input, response } = await joinWithCode(cabinet.organisation.code);

    expect(response.status).toBe(201);
    const userId = response.body.user.id;
    expect(claimsOf(response.body.token)).toMatchObject({ organisationId: cabinet.organisation.id, role: 'MEMBER', username: input.email });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${userId}`)).toMatchObject({ role: 'MEMBER', status: 'ACTIVE' });
    expect(await getItem(`USER#${userId}`, 'PROFILE')).toMatchObject({ currentOrganisationId: cabinet.organisation.id });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 2, codeUses: 1 });
  });

  it("gives the new member the organisation's data and the member's permissions, not the code", async () => {
    const cabinet = await registerCabinet();
    await api('POST', '/api/patients', { token: cabinet.token, body: { nom: 'Durand', prenom: 'Claire' } });

    const { response } = await joinWithCode(cabinet.organisation.code);
    const token = response.body.token as string;

    expect(response.body.organisation).toEqual({ id: cabinet.organisation.id, nom: cabinet.input.organisationName });
    const patients = await api('GET', '/api/patients', { token });
    expect(patients.status).toBe(200);
    expect(patients.body.items.map((p: { nom: string }) => p.nom)).toEqual(['Durand']);
    expect((await api('GET', `/api/organisations/${cabinet.organisation.id}/join-code`, { token })).status).toBe(403);
  });

  it("records the join in the organisation's audit trail", async () => {
    const cabinet = await registerCabinet();

    const { response } = await joinWithCode(cabinet.organisation.code);

    expect((await auditTrail(cabinet.organisation.id)).map((entry) => entry.action)).toEqual([
      'organisation.created',
      'member.joined-by-code',
    ]);
    expect((await auditTrail(cabinet.organisation.id))[1]).toEqual({
      action: 'member.joined-by-code',
      actorId: response.body.user.id,
      target: response.body.user.id,
      details: { role: 'MEMBER' },
    });
  });

  it('answers 400 "Code must be exactly 10 digits" for "123"', async () => {
    const response = await register(joinInput('123'));

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: 400, errors: [{ path: 'organisationCode', message: 'Code must be exactly 10 digits' }] });
  });

  it('answers 404 "Organisation not found" for 9999999999 and creates no account', async () => {
    const input = joinInput('9999999999');

    const response = await register(input);

    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      type: 'urn:cabinet:problem:organisation-not-found',
      title: 'Organisation not found',
      status: 404,
      detail: 'Organisation not found',
      instance: '/api/auth/register',
    });
    expect(await cognitoUserExists(input.email)).toBe(false);
  });

  it('answers 404 "Organisation not found" for the code of a suspended organisation', async () => {
    const cabinet = await registerCabinet();
    await setOrganisationFields(cabinet.organisation.id, { status: 'SUSPENDED' });

    const { input, response } = await joinWithCode(cabinet.organisation.code);

    expect(response.status).toBe(404);
    expect(problemOf(response)).toBe('organisation-not-found');
    expect(await cognitoUserExists(input.email)).toBe(false);
  });

  it('answers 409 when the organisation has no seat left, and keeps no account behind', async () => {
    const cabinet = await registerCabinet();
    await setOrganisationFields(cabinet.organisation.id, { maxUsers: 1 });

    const { input, response } = await joinWithCode(cabinet.organisation.code);

    expect(response.status).toBe(409);
    expect(problemOf(response)).toBe('organisation-full');
    expect(await cognitoUserExists(input.email)).toBe(false);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 1, codeUses: 0 });
  });
});
