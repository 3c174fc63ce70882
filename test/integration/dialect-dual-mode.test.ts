// Seed 002's dialect under /compat/dual-mode, driven with the seed's own requests (its request bodies, its error table
// and its "Test Cases"): a seed-002 client changes only its base URL.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ApiResponse, api, PASSWORD, problemOf, registerCabinet } from '#test/api';
import { cognitoUserExists, getItem } from '#test/emulators';
import { eventually } from '#test/members';
import { newClientAddress, newEmail } from '#test/registration';

const BASE = '/compat/dual-mode';

const firm = () => `New Legal Firm ${randomUUID().slice(0, 8)}`;

/** Mode 2, the seed's body (with a password Cabinet's policy accepts). */
const createBody = (overrides: Record<string, unknown> = {}) => ({
  registrationType: 'create',
  email: newEmail(),
  password: PASSWORD,
  confirmPassword: PASSWORD,
  fullName: 'Jane Smith',
  organizationName: firm(),
  country: 'SA',
  subscriptionTier: 'free',
  role: 'admin',
  ...overrides,
});

/** Mode 1, the seed's body. */
const joinBody = (organizationId: number, overrides: Record<string, unknown> = {}) => ({
  registrationType: 'join',
  email: newEmail(),
  password: PASSWORD,
  confirmPassword: PASSWORD,
  fullName: 'John Doe',
  organizationId,
  ...overrides,
});

const register = (body: unknown) => api('POST', `${BASE}/api/auth/register`, { body });

/** A new organisation through the dialect, and its admin's session. */
async function createFirm(overrides: Record<string, unknown> = {}) {
  const body = createBody(overrides);
  const response = await register(body);
  expect(response.status).toBe(201);
  return { body, token: response.body.token as string, user: response.body.user, number: response.body.user.organizationId as number };
}

const organisationIdOf = async (number: number) => String((await getItem(`ORGNUMBER#${number}`, 'GUARD'))?.organisationId);

describe('seed 002 dialect: POST /api/auth/register, create mode', () => {
  it('creates the organisation with a numeric id and signs its creator in as admin ({ user, token })', async () => {
    const body = createBody();

    const response = await register(body);

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      user: {
        id: expect.any(String),
        email: body.email,
        fullName: 'Jane Smith',
        organizationId: expect.any(Number),
        role: 'admin',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
      token: expect.any(String),
    });
    const organisationId = await organisationIdOf(response.body.user.organizationId);
    expect(await getItem(`ORG#${organisationId}`, 'ORGANISATION')).toMatchObject({
      nom: body.organizationName,
      country: 'SA',
      subscriptionTier: 'free',
      number: response.body.user.organizationId,
    });
    expect(await getItem(`ORG#${organisationId}`, `MEMBER#${response.body.user.id}`)).toMatchObject({ role: 'ADMIN', status: 'ACTIVE' });
  });

  it("gives the organisation the seed's roles as custom roles, and SA when no country is given", async () => {
    const { number } = await createFirm({ country: undefined, role: undefined, subscriptionTier: undefined });
    const organisationId = await organisationIdOf(number);

    expect(await getItem(`ORG#${organisationId}`, 'ORGANISATION')).toMatchObject({ country: 'SA' });
    for (const role of ['senior_lawyer', 'lawyer', 'paralegal', 'clerk']) {
      expect(await getItem(`ORG#${organisationId}`, `ROLE#${role}`), role).toMatchObject({ name: role, permissions: expect.any(Array) });
    }
    expect((await getItem(`ORG#${organisationId}`, 'ROLE#lawyer'))?.permissions).toEqual([
      'patients:read',
      'patients:write',
      'members:read',
    ]);
  });

  it('numbers organisations uniquely, even when created at once', async () => {
    const created = await Promise.all([createFirm(), createFirm(), createFirm()]);
    const numbers = created.map(({ number }) => number);

    expect(new Set(numbers).size).toBe(3);
    for (const number of numbers) expect(Number.isSafeInteger(number) && number > 0).toBe(true);
    const ids = await Promise.all(numbers.map(organisationIdOf));
    expect(new Set(ids).size).toBe(3);
  });

  it('refuses subscriptionTier "premium" in the seed\'s envelope (400), creating no account: plans are the platform\'s', async () => {
    const body = createBody({ subscriptionTier: 'premium' });

    const response = await register(body);

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body.error).toMatch(/subscriptionTier can only be free/);
    expect(response.body.errors).toEqual([{ path: 'subscriptionTier', message: expect.stringMatching(/set by the platform/) }]);
    expect(await cognitoUserExists(body.email)).toBe(false);
  });

  it('answers 409 for an organisation name that exists (the seed\'s "Duplicate Org Name")', async () => {
    const { body } = await createFirm();

    const response = await register(createBody({ organizationName: body.organizationName }));

    expect(response.status).toBe(409);
    expect(problemOf(response)).toBe('organisation-name-taken');
    expect(response.body.error).toEqual(expect.any(String));
  });
});

describe('seed 002 dialect: POST /api/auth/register, join mode', () => {
  it('joins the organisation chosen by its numeric id as lawyer, the default role', async () => {
    const { number } = await createFirm();
    const body = joinBody(number);

    const response = await register(body);

    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({ email: body.email, fullName: 'John Doe', organizationId: number, role: 'lawyer' });
    const organisationId = await organisationIdOf(number);
    expect(await getItem(`ORG#${organisationId}`, `MEMBER#${response.body.user.id}`)).toMatchObject({ role: 'lawyer', status: 'ACTIVE' });
    const me = await api('GET', `${BASE}/api/auth/me`, { token: response.body.token });
    expect(me.body.user).toMatchObject({ organizationId: number, role: 'lawyer' });
  });

  it("grants a role below the join policy's (paralegal, clerk)", async () => {
    const { number } = await createFirm();

    const response = await register(joinBody(number, { role: 'paralegal' }));

    expect(response.status).toBe(201);
    expect(response.body.user.role).toBe('paralegal');
  });

  it.each(['admin', 'senior_lawyer'])("refuses role %s, above the join policy's lawyer, with 403 and no account", async (role) => {
    const { number } = await createFirm();
    const body = joinBody(number, { role });

    const response = await register(body);

    expect(response.status).toBe(403);
    expect(problemOf(response)).toBe('role-above-join-policy');
    expect(response.body.error).toMatch(/lawyer/);
    expect(await cognitoUserExists(body.email)).toBe(false);
  });

  it('answers 404 "Organization not found" for an organizationId that does not exist', async () => {
    const body = joinBody(987_654_321);

    const response = await register(body);

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: 'Organization not found' });
    expect(problemOf(response)).toBe('organisation-not-found');
    expect(await cognitoUserExists(body.email)).toBe(false);
  });

  it("waits for approval when the organisation's join policy requires it (202, no token)", async () => {
    const { number, token } = await createFirm();
    const organisationId = await organisationIdOf(number);
    const policy = await api('PATCH', `/api/organisations/${organisationId}/join-code`, { token, body: { requiresApproval: true } });
    expect(policy.status).toBe(200);

    const response = await register(joinBody(number));

    expect(response.status).toBe(202);
    expect(response.body).toEqual({ message: expect.any(String), user: expect.objectContaining({ organizationId: null, role: null }) });
    expect(await getItem(`ORG#${organisationId}`, `MEMBER#${response.body.user.id}`)).toMatchObject({ status: 'PENDING', role: 'lawyer' });
  });

  it('answers 409 "User with this email already exists" for a registered email', async () => {
    const { body } = await createFirm();
    const { number } = await createFirm();

    const response = await register(joinBody(number, { email: body.email }));

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ error: 'User with this email already exists' });
  });

  it('answers 400 "Passwords do not match"', async () => {
    const response = await register(joinBody(1, { confirmPassword: `${PASSWORD}x` }));

    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'Passwords do not match' });
  });

  it.each([
    ['7 characters', 'Abc123!', /at least 12 characters/],
    ['no uppercase', 'securepass123!', /uppercase/],
    ['no lowercase', 'SECUREPASS123!', /lowercase/],
    ['no number', 'SecurePassword!', /digit|number/],
  ])("applies Cabinet's password policy (%s): 400 stating the rule that failed", async (_case, password, rule) => {
    const response = await register(joinBody(1, { password, confirmPassword: password }));

    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(rule);
  });

  it('answers 400 "Invalid email"-style for a malformed email', async () => {
    const response = await register(joinBody(1, { email: 'not-an-email' }));

    expect(response.status).toBe(400);
    expect(response.body.errors[0]).toMatchObject({ path: 'email' });
  });
});

describe('seed 002 dialect: login, me, logout', () => {
  it('signs in by email with { user (lastLogin), token }; a wrong password is 401 "Invalid credentials"', async () => {
    const { body, number } = await createFirm();

    const response = await api('POST', `${BASE}/api/auth/login`, { body: { email: body.email, password: body.password } });

    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ email: body.email, fullName: 'Jane Smith', organizationId: number, role: 'admin' });
    expect(response.body.user.lastLogin).toEqual(expect.any(String));
    const wrong = await api('POST', `${BASE}/api/auth/login`, { body: { email: body.email, password: `${PASSWORD}x` } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: 'Invalid credentials' });
  });

  it('GET /api/auth/me answers { user }; PATCH /api/auth/me changes fullName', async () => {
    const { token, number, user } = await createFirm();

    const me = await api('GET', `${BASE}/api/auth/me`, { token });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user });
    const patched = await api('PATCH', `${BASE}/api/auth/me`, { token, body: { fullName: 'Jane Updated Smith' } });

    expect(patched.status).toBe(200);
    expect(patched.body.user).toMatchObject({ id: user.id, fullName: 'Jane Updated Smith', organizationId: number, role: 'admin' });
    expect((await api('GET', `${BASE}/api/auth/me`, { token })).body.user.fullName).toBe('Jane Updated Smith');
  });

  it("a Cabinet organisation's member has no numeric organizationId (null), and its role lower-cased", async () => {
    const cabinet = await registerCabinet();

    const me = await api('GET', `${BASE}/api/auth/me`, { token: cabinet.token });

    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ organizationId: null, role: 'admin' });
  });

  it('POST /api/auth/logout, bodiless, ends the bearer token\'s session only: 200 "Logged out successfully"', async () => {
    const { body, token } = await createFirm();
    const other = await api('POST', `${BASE}/api/auth/login`, { body: { email: body.email, password: body.password } });

    const response = await api('POST', `${BASE}/api/auth/logout`, { token });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ message: 'Logged out successfully' });
    const after = await eventually(
      () => api('GET', `${BASE}/api/auth/me`, { token }),
      (reply) => reply.status === 401,
      10_000,
    );
    expect(after.status).toBe(401);
    expect((await api('GET', `${BASE}/api/auth/me`, { token: other.body.token })).status).toBe(200);
  });

  it('needs a token: no token is 401', async () => {
    expect((await api('GET', `${BASE}/api/auth/me`)).status).toBe(401);
    expect((await api('POST', `${BASE}/api/auth/logout`)).status).toBe(401);
  });
});

/** Every listed organisation, page after page (bounded), as the public sees them. */
async function publicList(): Promise<{ id: number; name: string }[]> {
  const all: { id: number; name: string }[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const reply: ApiResponse = await api('GET', `${BASE}/api/organizations?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(reply.status).toBe(200);
    all.push(...reply.body.organizations);
    cursor = reply.body.nextCursor;
    if (!cursor) return all;
  }
  throw new Error('the list did not end');
}

describe('seed 002 dialect: organizations', () => {
  it('POST /api/organizations creates one with a numeric id, licenseNumber and contactInfo ({ organization })', async () => {
    const { token } = await createFirm();
    const name = firm();
    const licenseNumber = `LIC-${randomUUID().slice(0, 8)}`;

    const response = await api('POST', `${BASE}/api/organizations`, {
      token,
      body: { name, country: 'SA', subscriptionTier: 'free', licenseNumber, contactInfo: 'contact@newfirm.com' },
    });

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      organization: {
        id: expect.any(Number),
        name,
        country: 'SA',
        subscriptionTier: 'free',
        licenseNumber,
        contactInfo: 'contact@newfirm.com',
        listed: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    });
    const organisationId = await organisationIdOf(response.body.organization.id);
    expect(await getItem(`ORG#${organisationId}`, 'ORGANISATION')).toMatchObject({ licenseNumber, contactEmail: 'contact@newfirm.com' });
    expect(await getItem(`ORG#${organisationId}`, 'ROLE#clerk')).toBeDefined();
  });

  it("GET /api/organizations/:id answers your organization; another one's id, or one nobody has, is 404", async () => {
    const mine = await createFirm();
    const theirs = await createFirm();

    const own = await api('GET', `${BASE}/api/organizations/${mine.number}`, { token: mine.token });
    const foreign = await api('GET', `${BASE}/api/organizations/${theirs.number}`, { token: mine.token });
    const nobody = await api('GET', `${BASE}/api/organizations/987654321`, { token: mine.token });

    expect(own.status).toBe(200);
    expect(own.body.organization).toMatchObject({ id: mine.number, name: mine.body.organizationName, country: 'SA', listed: true });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ error: 'Organization not found' });
    expect(nobody.status).toBe(404);
    expect(problemOf(nobody)).toBe(problemOf(foreign));
  });

  it('PATCH changes name and contactInfo; a licence number another organization holds is 409; premium is 400', async () => {
    const mine = await createFirm();
    const theirs = await createFirm();
    const licenseNumber = `LIC-${randomUUID().slice(0, 8)}`;
    expect(
      (await api('PATCH', `${BASE}/api/organizations/${theirs.number}`, { token: theirs.token, body: { licenseNumber } })).status,
    ).toBe(200);
    const name = firm();

    const patched = await api('PATCH', `${BASE}/api/organizations/${mine.number}`, {
      token: mine.token,
      body: { name, contactInfo: '12 Olaya Street, Riyadh' },
    });
    const taken = await api('PATCH', `${BASE}/api/organizations/${mine.number}`, {
      token: mine.token,
      body: { licenseNumber: ` ${licenseNumber.toLowerCase()} ` },
    });
    const premium = await api('PATCH', `${BASE}/api/organizations/${mine.number}`, {
      token: mine.token,
      body: { subscriptionTier: 'premium' },
    });
    const foreign = await api('PATCH', `${BASE}/api/organizations/${theirs.number}`, { token: mine.token, body: { name: firm() } });

    expect(patched.status).toBe(200);
    expect(patched.body.organization).toMatchObject({ id: mine.number, name, contactInfo: '12 Olaya Street, Riyadh' });
    expect(taken.status).toBe(409);
    expect(problemOf(taken)).toBe('license-number-taken');
    expect(premium.status).toBe(400);
    expect(premium.body.error).toMatch(/set by the platform/);
    expect(foreign.status).toBe(404);
  });

  it('a lawyer may read the organization but not change it (403)', async () => {
    const { number } = await createFirm();
    const lawyer = await register(joinBody(number));

    expect((await api('GET', `${BASE}/api/organizations/${number}`, { token: lawyer.body.token })).status).toBe(200);
    const patch = await api('PATCH', `${BASE}/api/organizations/${number}`, { token: lawyer.body.token, body: { name: firm() } });

    expect(patch.status).toBe(403);
    expect(problemOf(patch)).toBe('permission-denied');
  });

  it('DELETE answers 200 "Organization deleted successfully"; its members\' accounts stay', async () => {
    const admin = await createFirm();
    const lawyerBody = joinBody(admin.number);
    expect((await register(lawyerBody)).status).toBe(201);
    const other = await createFirm();

    const foreign = await api('DELETE', `${BASE}/api/organizations/${other.number}`, { token: admin.token });
    const response = await api('DELETE', `${BASE}/api/organizations/${admin.number}`, { token: admin.token });

    expect(foreign.status).toBe(404);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ message: 'Organization deleted successfully' });
    expect(await cognitoUserExists(lawyerBody.email)).toBe(true);
    const login = await api('POST', `${BASE}/api/auth/login`, { body: { email: lawyerBody.email, password: PASSWORD } });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ email: lawyerBody.email, organizationId: null });
    expect((await publicList()).some((entry) => entry.id === admin.number)).toBe(false);
  });
});

describe('seed 002 dialect: the public list (GET /api/organizations)', () => {
  it('lists organizations created here by id and name only, without a token; never one created elsewhere', async () => {
    const { number, body } = await createFirm();
    const elsewhere = await registerCabinet();

    const list = await publicList();

    expect(list).toContainEqual({ id: number, name: body.organizationName });
    expect(list.every((entry) => Object.keys(entry).sort().join() === 'id,name')).toBe(true);
    expect(list.some((entry) => entry.name === elsewhere.input.organisationName)).toBe(false);
  });

  it('drops an organization its admin unlists (and nobody joins it by number then), and shows it again when relisted', async () => {
    const { number, token } = await createFirm();

    const unlisted = await api('PATCH', `${BASE}/api/organizations/${number}`, { token, body: { listed: false } });
    expect(unlisted.status).toBe(200);
    expect(unlisted.body.organization.listed).toBe(false);
    expect((await publicList()).some((entry) => entry.id === number)).toBe(false);
    const join = await register(joinBody(number));
    expect(join.status).toBe(404);

    expect((await api('PATCH', `${BASE}/api/organizations/${number}`, { token, body: { listed: true } })).status).toBe(200);
    expect((await publicList()).some((entry) => entry.id === number)).toBe(true);
    expect((await register(joinBody(number))).status).toBe(201);
  });

  it("shows an organization's new name, whether renamed here or through Cabinet's own API", async () => {
    const { number, token } = await createFirm();
    const name = firm();

    const renamed = await api('PATCH', `/api/organisations/${await organisationIdOf(number)}`, { token, body: { name } });

    expect(renamed.status).toBe(200);
    expect(await publicList()).toContainEqual({ id: number, name });
  });

  it('pages by key: limit 1 gives one organization and a cursor to the next; a forged cursor is 400', async () => {
    await createFirm();
    await createFirm();

    const first = await api('GET', `${BASE}/api/organizations?limit=1`);
    const second = await api('GET', `${BASE}/api/organizations?limit=1&cursor=${first.body.nextCursor}`);
    const forged = await api('GET', `${BASE}/api/organizations?cursor=${Buffer.from('{"t":"x","k":"y"}').toString('base64url')}`);

    expect(first.body.organizations).toHaveLength(1);
    expect(first.body.total).toBe(1);
    expect(second.body.organizations).toHaveLength(1);
    expect(second.body.organizations[0].id).toBeGreaterThan(first.body.organizations[0].id);
    expect(forged.status).toBe(400);
    expect(problemOf(forged)).toBe('invalid-cursor');
  });

  it('is rate limited per client (429 with Retry-After), other clients unaffected', async () => {
    const from = newClientAddress();
    let reply: ApiResponse = await api('GET', `${BASE}/api/organizations?limit=1`, { from });
    for (let attempt = 0; attempt < 100 && reply.status === 200; attempt++)
      reply = await api('GET', `${BASE}/api/organizations?limit=1`, { from });

    expect(reply.status).toBe(429);
    expect(reply.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await api('GET', `${BASE}/api/organizations?limit=1`)).status).toBe(200);
  });
});

describe('seed 002 dialect: its documents', () => {
  it('serves its OpenAPI document at /openapi.json and /docs/swagger.json, and its docs page at /docs', async () => {
    const document = await api('GET', `${BASE}/openapi.json`);
    const swagger = await api('GET', `${BASE}/docs/swagger.json`);

    expect(document.status).toBe(200);
    expect(document.body.info['x-migration-surface']).toMatchObject({ base: BASE, seed: '002-dual-mode-registration.md' });
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/register', '/api/auth/login', '/api/auth/me', '/api/auth/logout']),
    );
    expect(swagger.status).toBe(200);
    expect(swagger.body.paths).toEqual(document.body.paths);
    const docs = await api('GET', `${BASE}/docs`);
    expect(docs.status).toBe(200);
    expect(docs.text).toContain(`${BASE}/openapi.json`);
  });
});
