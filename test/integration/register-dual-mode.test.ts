// POST /api/auth/register (seed 002): one endpoint, two modes. "create" makes a new organisation with the caller
// as ADMIN; "join" makes the caller a member of an existing one through its join code.
import { describe, expect, it } from 'vitest';
import { claimsOf, PASSWORD, registerCabinet, unique } from '#test/api';
import { cognitoUserExists, getItem } from '#test/emulators';
import { auditTrail, createInput, joinInput, joinWithCode, login, register } from '#test/registration';

describe('POST /api/auth/register: create mode', () => {
  it('creates the organisation and signs the creator in as its ADMIN (201, register-cabinet shape)', async () => {
    const input = createInput({ email: `  ${unique('Jane.Smith').toUpperCase()}@Example.ORG ` });
    const username = input.email.trim().toLowerCase();

    const response = await register(input);

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      token: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: expect.any(Number),
      user: { id: expect.any(String), username, role: 'ADMIN', organisationId: expect.any(String), nom: 'Smith', prenom: 'Jane' },
      organisation: { id: response.body.user.organisationId, nom: input.organisationName, code: expect.stringMatching(/^\d{10}$/) },
    });
    expect(claimsOf(response.body.token)).toMatchObject({ organisationId: response.body.user.organisationId, role: 'ADMIN' });
    expect(await getItem(`ORG#${response.body.organisation.id}`, 'ORGANISATION')).toMatchObject({
      nom: input.organisationName,
      country: 'FR',
      subscriptionTier: 'free',
    });
    expect(await getItem(`ORG#${response.body.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 1, adminCount: 1 });
    expect(await getItem(`USER#${response.body.user.id}`, 'PROFILE')).toMatchObject({ username, email: username });
    expect((await login(username)).status).toBe(200);
  });

  it('keeps the given country (upper-cased) and the starting subscription tier, and takes nom and prenom as given', async () => {
    const response = await register(
      createInput({ fullName: undefined, nom: 'Al-Harbi', prenom: 'Sara', country: 'sa', subscriptionTier: 'free' }),
    );

    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({ nom: 'Al-Harbi', prenom: 'Sara', role: 'ADMIN' });
    expect(await getItem(`ORG#${response.body.organisation.id}`, 'ORGANISATION')).toMatchObject({
      country: 'SA',
      subscriptionTier: 'free',
    });
  });

  it('refuses a paid subscription tier at registration (400), creating no account: the platform sets plans', async () => {
    const input = createInput({ subscriptionTier: 'pro' });

    const response = await register(input);

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        path: 'subscriptionTier',
        message: 'subscriptionTier can only be free when you create an organisation: other plans are set by the platform',
      },
    ]);
    expect(await cognitoUserExists(input.email)).toBe(false);
  });

  it('answers 409 on the organisation name when it is taken, and keeps no account behind', async () => {
    const first = await register(createInput());
    const clash = createInput({ organisationName: first.body.organisation.nom });

    const response = await register(clash);

    expect(response.status).toBe(409);
    expect(response.body.errors).toEqual([{ path: 'organisationName', message: 'Organisation name is already taken' }]);
    expect(await cognitoUserExists(clash.email)).toBe(false);
  });

  it('answers 409 on the email when an account already uses it', async () => {
    const first = createInput();
    expect((await register(first)).status).toBe(201);

    const response = await register(createInput({ email: first.email.toUpperCase() }));

    expect(response.status).toBe(409);
    expect(response.body).toMatchObject({ status: 409, detail: 'An account with this email already exists.' });
    expect(response.body.errors).toEqual([{ path: 'email', message: 'Email is already registered' }]);
  });

  it('writes the organisation creation to its audit trail', async () => {
    const response = await register(createInput());

    expect(await auditTrail(response.body.organisation.id)).toEqual([
      expect.objectContaining({ action: 'organisation.created', actorId: response.body.user.id }),
    ]);
  });
});

describe('POST /api/auth/register: join mode', () => {
  it("makes the user a member with the code's role, in the code's organisation", async () => {
    const cabinet = await registerCabinet();

    const { input, response } = await joinWithCode(cabinet.organisation.code, { fullName: 'Jean Pierre Martin' });

    expect(response.status).toBe(201);
    expect(response.body.user).toEqual({
      id: expect.any(String),
      username: input.email,
      role: 'MEMBER',
      organisationId: cabinet.organisation.id,
      nom: 'Pierre Martin',
      prenom: 'Jean',
    });
    expect(response.body.organisation).toEqual({ id: cabinet.organisation.id, nom: cabinet.input.organisationName });
    expect(claimsOf(response.body.token)).toMatchObject({ organisationId: cabinet.organisation.id, role: 'MEMBER' });
  });

  it('answers 404 "Organisation not found" for a code no organisation has', async () => {
    const response = await register(joinInput('0000000001'));

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ status: 404, detail: 'Organisation not found' });
  });

  it('answers 409 on the email when an account already uses it, and leaves the organisation unchanged', async () => {
    const cabinet = await registerCabinet();
    const first = await joinWithCode(cabinet.organisation.code);
    expect(first.response.status).toBe(201);

    const again = await register(joinInput(cabinet.organisation.code, { email: first.input.email }));

    expect(again.status).toBe(409);
    expect(again.body.errors).toEqual([{ path: 'email', message: 'Email is already registered' }]);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 2, codeUses: 1 });
  });

  it('takes a one-word full name as the nom', async () => {
    const cabinet = await registerCabinet();

    const { response } = await joinWithCode(cabinet.organisation.code, { fullName: 'Madonna' });

    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({ nom: 'Madonna', prenom: '' });
  });
});

describe('POST /api/auth/register: validation', () => {
  const passwordCases = [
    ['7 characters', 'Abc12!x', ['Password must be at least 12 characters']],
    ['no uppercase letter', 'cassius2025!', ['Password must contain an uppercase letter']],
    ['no lowercase letter', 'CASSIUS2025!', ['Password must contain a lowercase letter']],
    ['no digit', 'Cassius-Clay!', ['Password must contain a digit']],
  ] as const;

  for (const [label, password, messages] of passwordCases) {
    it(`refuses a password with ${label} (400, the rule listed) and creates no account`, async () => {
      const input = createInput({ password, confirmPassword: password });

      const response = await register(input);

      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(messages.map((message) => ({ path: 'password', message })));
      expect(await cognitoUserExists(input.email)).toBe(false);
    });
  }

  it('accepts a password that meets every rule', async () => {
    const response = await register(createInput({ password: 'Valid-Pass-2026', confirmPassword: 'Valid-Pass-2026' }));

    expect(response.status).toBe(201);
  });

  it('refuses a confirmPassword that differs from the password', async () => {
    const response = await register(createInput({ confirmPassword: `${PASSWORD}x` }));

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'confirmPassword', message: 'Passwords do not match' }]);
  });

  it('answers 400 "Code must be exactly 10 digits" for a code that is not 10 digits', async () => {
    for (const organisationCode of ['123', '12345678901', '12345abcde', '']) {
      const response = await register(joinInput(organisationCode));

      expect(response.status, organisationCode).toBe(400);
      expect(response.body.errors).toEqual([{ path: 'organisationCode', message: 'Code must be exactly 10 digits' }]);
    }
  });

  it('lists every failing field at once', async () => {
    const response = await register({
      registrationType: 'create',
      email: 'not-an-email',
      password: PASSWORD,
      confirmPassword: 'other',
      fullName: 'J',
      country: 'UK',
      subscriptionTier: 'gold',
      role: 'ADMIN',
    });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'email', message: 'Email must be a valid email address' },
        { path: 'fullName', message: 'Full name must be at least 2 characters' },
        { path: 'organisationName', message: 'organisationName is required' },
        { path: 'country', message: 'country must be an ISO 3166-1 alpha-2 code (e.g. FR)' },
        {
          path: 'subscriptionTier',
          message: 'subscriptionTier can only be free when you create an organisation: other plans are set by the platform',
        },
        { path: 'role', message: 'Unknown field' },
        { path: 'confirmPassword', message: 'Passwords do not match' },
      ]),
    );
    expect(response.body.errors).toHaveLength(7);
  });

  it('requires a full name, or both nom and prenom, but not both forms', async () => {
    const none = await register(createInput({ fullName: undefined }));
    const half = await register(createInput({ fullName: undefined, nom: 'Martin' }));
    const both = await register(createInput({ nom: 'Martin', prenom: 'Jean' }));

    expect(none.body.errors).toEqual([{ path: 'fullName', message: 'fullName is required (or nom and prenom)' }]);
    expect(half.body.errors).toEqual([{ path: 'prenom', message: 'prenom is required with nom' }]);
    expect(both.body.errors).toEqual([{ path: 'fullName', message: 'Give either fullName or nom and prenom, not both' }]);
    expect([none.status, half.status, both.status]).toEqual([400, 400, 400]);
  });

  it('refuses a missing or unknown registrationType', async () => {
    const missing = await register({ email: 'someone@example.org' });
    const unknown = await register(createInput({ registrationType: 'invite' }));

    for (const response of [missing, unknown]) {
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { path: 'registrationType', message: 'registrationType must be "create", "join" or "account"' },
      ]);
    }
  });
});
