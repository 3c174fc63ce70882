// Seed 001's dialect under /compat/org-code, driven with the seed's own requests (its section "Création
// d'Organisation" and its three curl tests): a seed-001 client changes only its base URL. Sign-up is Cabinet's.
import { describe, expect, it } from 'vitest';
import { registerAccount } from '#test/accounts';
import { api, problemOf, registerCabinet } from '#test/api';
import { getItem } from '#test/emulators';

const BASE = '/compat/org-code';

/** The seed's curl body, with the signed-in user's own id. */
const registerBody = (userId: string, organizationCode: string) => ({
  userId,
  email: 'user@example.com',
  fullName: 'John Doe',
  organizationCode,
});

describe('seed 001 dialect (/compat/org-code)', () => {
  it('creates an organisation with a 10-digit organization_code, the creator its admin', async () => {
    const account = await registerAccount();
    const name = `Ma Nouvelle Organisation ${account.user.id.slice(0, 8)}`;

    const response = await api('POST', `${BASE}/api/organizations/create`, { token: account.token, body: { name } });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      success: true,
      organization: {
        id: expect.any(String),
        name,
        slug: expect.stringMatching(/^ma-nouvelle-organisation-/),
        organization_code: expect.stringMatching(/^\d{10}$/),
      },
    });
    const { id } = response.body.organization;
    expect(await getItem(`ORG#${id}`, `MEMBER#${account.user.id}`)).toMatchObject({ role: 'ADMIN', status: 'ACTIVE' });
  });

  it('registers the signed-in user with a valid code as an active member ("User registered successfully")', async () => {
    const cabinet = await registerCabinet();
    const account = await registerAccount();

    const response = await api('POST', `${BASE}/api/auth/register`, {
      token: account.token,
      body: registerBody(account.user.id, cabinet.organisation.code),
    });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      success: true,
      message: 'User registered successfully',
      organization: { id: cabinet.organisation.id, name: cabinet.input.organisationName },
      role: 'member',
      status: 'active',
    });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${account.user.id}`)).toMatchObject({
      role: 'MEMBER',
      status: 'ACTIVE',
    });
  });

  it('answers "Code must be exactly 10 digits" for 123, in the seed\'s error and as problem+json', async () => {
    const account = await registerAccount();

    const response = await api('POST', `${BASE}/api/auth/register`, { token: account.token, body: registerBody(account.user.id, '123') });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ success: false, error: 'Code must be exactly 10 digits', status: 400 });
    expect(response.body.errors).toEqual([{ path: 'organizationCode', message: 'Code must be exactly 10 digits' }]);
  });

  it('answers 404 "Organization not found" for 9999999999, and the user joins nothing', async () => {
    const account = await registerAccount();

    const response = await api('POST', `${BASE}/api/auth/register`, {
      token: account.token,
      body: registerBody(account.user.id, '9999999999'),
    });

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ success: false, error: 'Organization not found' });
    expect(problemOf(response)).toBe('organisation-not-found');
  });

  it("refuses a userId other than the bearer token's own (the seed trusted any), joining nobody", async () => {
    const cabinet = await registerCabinet();
    const account = await registerAccount();
    const victim = await registerAccount();

    const response = await api('POST', `${BASE}/api/auth/register`, {
      token: account.token,
      body: registerBody(victim.user.id, cabinet.organisation.code),
    });

    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ success: false });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${victim.user.id}`)).toBeUndefined();
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${account.user.id}`)).toBeUndefined();
  });

  it('needs a signed-in user: no token is 401', async () => {
    const response = await api('POST', `${BASE}/api/auth/register`, { body: registerBody('x', '5525548542') });
    expect(response.status).toBe(401);
  });

  it("serves its own OpenAPI document, marked as a migration surface, with the seed's paths beneath its base", async () => {
    const response = await api('GET', `${BASE}/openapi.json`);

    expect(response.status).toBe(200);
    expect(response.body.info['x-migration-surface']).toMatchObject({ base: BASE, seed: '001-organisation-code.md' });
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/organizations/create', '/api/auth/register']));
    expect(response.body.servers[0].url).toMatch(/\/compat\/org-code$/);
    const docs = await api('GET', `${BASE}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.text).toContain(`${BASE}/openapi.json`);
  });

  it("leaves Cabinet's own document without the dialect's paths", async () => {
    const response = await api('GET', '/api/openapi.json');
    expect(Object.keys(response.body.paths).some((path) => path.startsWith('/compat/'))).toBe(false);
  });
});
