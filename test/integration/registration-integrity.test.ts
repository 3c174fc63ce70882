// Registration's guarantees: uniqueness by conditional writes only, one transaction, and the compensating
// deletion of the Cognito user whenever the transaction fails.
import { describe, expect, it } from 'vitest';
import { api, cabinetInput, registerCabinet, unique } from '#test/api';
import { cognitoUserExists, getItem } from '#test/emulators';

describe('POST /api/auth/register-cabinet: integrity', () => {
  it('answers 409 when the username is taken, whatever its case', async () => {
    const first = await registerCabinet();
    const again = await api('POST', '/api/auth/register-cabinet', {
      body: cabinetInput({ username: first.input.username.toUpperCase() }),
    });
    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ path: 'username', message: 'Username is already taken' }]);
  });

  it('answers 409 for an organisation name differing only in case, accents and surrounding spaces', async () => {
    const name = unique('Cabinet Médical Hélène');
    await registerCabinet({ organisationName: name });
    const variant = `  ${name.toUpperCase().replace('É', 'E').replace('É', 'E')}  `;
    const clash = await api('POST', '/api/auth/register-cabinet', { body: cabinetInput({ organisationName: variant }) });
    expect(clash.status).toBe(409);
    expect(clash.body.errors).toEqual([{ path: 'organisationName', message: 'Organisation name is already taken' }]);
  });

  it('deletes the Cognito user it created when the transaction is refused (name taken)', async () => {
    const name = unique('Cabinet Taken');
    await registerCabinet({ organisationName: name });
    const loser = cabinetInput({ organisationName: name });
    expect((await api('POST', '/api/auth/register-cabinet', { body: loser })).status).toBe(409);
    expect(await cognitoUserExists(loser.username)).toBe(false);
    expect(await getItem(`USERNAME#${loser.username}`, 'GUARD')).toBeUndefined();
  });

  it('deletes the Cognito user and writes nothing when the transaction fails (injected fault)', async () => {
    const input = cabinetInput();
    const response = await api('POST', '/api/auth/register-cabinet', {
      body: input,
      headers: { 'x-cabinet-fault': 'TransactWrite' },
    });
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      type: 'urn:cabinet:problem:internal-error',
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred.',
      instance: '/api/auth/register-cabinet',
    });
    expect(await cognitoUserExists(input.username)).toBe(false);
    expect(await getItem(`USERNAME#${input.username}`, 'GUARD')).toBeUndefined();
    // The same registration succeeds afterwards: nothing half-written stands in its way.
    expect((await api('POST', '/api/auth/register-cabinet', { body: input })).status).toBe(201);
  });

  it('retries a transaction DynamoDB cancels for a concurrent conflict, and registers the cabinet once', async () => {
    const input = cabinetInput();
    const response = await api('POST', '/api/auth/register-cabinet', {
      body: input,
      headers: { 'x-cabinet-fault': 'TransactWrite:conflict' },
    });
    expect(response.status).toBe(201);
    expect(await getItem(`USERNAME#${input.username}`, 'GUARD')).toBeDefined();
    expect((await api('GET', '/api/auth/me', { token: response.body.token })).body.organisation.id).toBe(response.body.organisation.id);
  });

  it('answers 409 when the conflict outlasts the retries, and keeps no Cognito user and nothing written', async () => {
    const input = cabinetInput();
    const response = await api('POST', '/api/auth/register-cabinet', {
      body: input,
      headers: { 'x-cabinet-fault': 'TransactWrite:conflict:10' },
    });
    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ type: 'urn:cabinet:problem:transaction-conflict', title: 'Concurrent change' });
    expect(await cognitoUserExists(input.username)).toBe(false);
    expect(await getItem(`USERNAME#${input.username}`, 'GUARD')).toBeUndefined();
    expect((await api('POST', '/api/auth/register-cabinet', { body: input })).status).toBe(201);
  });

  it('lets exactly one of 10 concurrent registrations of one organisation name succeed', async () => {
    const name = unique('Cabinet Concurrent');
    const inputs = Array.from({ length: 10 }, () => cabinetInput({ organisationName: name }));
    const responses = await Promise.all(inputs.map((body) => api('POST', '/api/auth/register-cabinet', { body })));

    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    const winner = inputs[responses.findIndex((response) => response.status === 201)]!;
    const survivors = await Promise.all(inputs.map((input) => cognitoUserExists(input.username)));
    expect(inputs.filter((_, index) => survivors[index]).map((input) => input.username)).toEqual([winner.username]);
  });

  it('writes the organisation and its admin together, with guards for name, username and join code', async () => {
    const cabinet = await registerCabinet();
    const orgId = cabinet.organisation.id;
    const org = await getItem(`ORG#${orgId}`, 'ORGANISATION');
    expect(org).toMatchObject({ id: orgId, code: cabinet.organisation.code, status: 'ACTIVE' });
    expect(await getItem(`USER#${cabinet.user.id}`, 'PROFILE')).toMatchObject({ currentOrganisationId: orgId });
    expect(await getItem(`ORG#${orgId}`, `MEMBER#${cabinet.user.id}`)).toMatchObject({ role: 'ADMIN', status: 'ACTIVE' });
    expect(await getItem(`JOINCODE#${cabinet.organisation.code}`, 'GUARD')).toMatchObject({ organisationId: orgId });
    expect(await getItem(`USERNAME#${cabinet.user.username}`, 'GUARD')).toMatchObject({ userId: cabinet.user.id });
  });
});

describe('POST /api/auth/register-cabinet: validation', () => {
  it('lists every failing password rule', async () => {
    const response = await api('POST', '/api/auth/register-cabinet', { body: cabinetInput({ password: 'short' }) });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: 'password', message: 'Password must be at least 12 characters' },
      { path: 'password', message: 'Password must contain an uppercase letter' },
      { path: 'password', message: 'Password must contain a digit' },
      { path: 'password', message: 'Password must contain a symbol' },
    ]);
  });

  it('lists every missing and unknown field at once, and writes nothing', async () => {
    const username = unique('nobody');
    const response = await api('POST', '/api/auth/register-cabinet', { body: { username, role: 'ADMIN' } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'organisationName', message: 'organisationName is required' },
        { path: 'password', message: 'password is required' },
        { path: 'nom', message: 'nom is required' },
        { path: 'prenom', message: 'prenom is required' },
        { path: 'role', message: 'Unknown field' },
      ]),
    );
    expect(await cognitoUserExists(username)).toBe(false);
  });
});
