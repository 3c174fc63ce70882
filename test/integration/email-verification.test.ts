// Addresses that are proven: every registration with an email sends a single-use link there (read back from the
// local SES emulator); POST /api/auth/verify-email proves it, once; resend sends another (rate limited); an address
// someone else set is never verified; exactly one account owns a proven address.
import { createHash } from 'node:crypto';
import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { api, PASSWORD, problemOf, registerCabinet, stack, unique } from '#test/api';
import { cognito, dynamo, getItem, partition } from '#test/emulators';
import { mailTo, tokenFromMail, VERIFICATION_SUBJECT, verifyFromMail, waitForMail } from '#test/mail';
import { login, orgPath } from '#test/members';
import { apiFrom, createInput, joinInput, newClientAddress, newEmail, register } from '#test/registration';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
// Verification is rate limited per client: each call comes from a fresh loopback address, as different people would.
const verify = (token: string) => apiFrom(newClientAddress(), 'POST', '/api/auth/verify-email', { body: { token } });
const resend = (token: string) => api('POST', '/api/auth/verify-email/resend', { token });
const me = async (token: string) => (await api('GET', '/api/auth/me', { token })).body.user;
const cognitoAttributes = async (username: string) =>
  Object.fromEntries(
    ((await cognito().send(new AdminGetUserCommand({ UserPoolId: stack().userPoolId, Username: username }))).UserAttributes ?? []).map(
      (attribute) => [attribute.Name, attribute.Value],
    ),
  );

describe('registration with an email sends a verification link', () => {
  it('POST /api/auth/register (create): a French link by default, the address unverified until proven, the token stored hashed', async () => {
    const input = createInput();

    const response = await register(input);

    expect(response.status).toBe(201);
    const mails = await waitForMail(input.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toBe('Confirmez votre adresse e-mail pour Cabinet');
    expect(mail?.text).toContain(`« ${input.email} »`);
    expect(mail?.link).toBe(`${stack().baseUrl}/verify-email?token=${mail?.token}`);
    expect(response.text).not.toContain(mail?.token ?? '-');
    expect(await me(response.body.token)).toMatchObject({ email: input.email, emailVerified: false });
    // Cognito holds the address, not proven: its own mail (through SES) goes only to verified addresses.
    expect(await cognitoAttributes(input.email)).toMatchObject({ email: input.email, email_verified: 'false' });
    const guard = await getItem(`EMAILTOKEN#${sha256(mail?.token ?? '')}`, 'GUARD');
    expect(guard).toMatchObject({ userId: response.body.user.id, email: input.email });
    expect(Date.parse(guard?.validUntil) - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect(JSON.stringify([guard, ...(await partition(`USER#${response.body.user.id}`))])).not.toContain(mail?.token);
    expect(await getItem(`EMAIL#${input.email}`, 'GUARD')).toBeUndefined();
  });

  it('POST /api/auth/register (join) and register-cabinet with an email send one each, in the locale asked for', async () => {
    const admin = await registerCabinet();
    const joiner = joinInput(admin.organisation.code, { locale: 'en' });
    const cabinetEmail = newEmail();

    const joined = await register(joiner);
    const cabinet = await api('POST', '/api/auth/register-cabinet', {
      body: {
        organisationName: unique('Cabinet Vérifié'),
        username: unique('dr'),
        password: PASSWORD,
        nom: 'Martin',
        prenom: 'Jean',
        email: cabinetEmail.toUpperCase(),
      },
    });

    expect(joined.status).toBe(201);
    expect(cabinet.status).toBe(201);
    expect((await waitForMail(joiner.email, { filter: (m) => VERIFICATION_SUBJECT.test(m.subject) }))[0]?.subject).toBe(
      'Confirm your email address for Cabinet',
    );
    expect((await waitForMail(cabinetEmail))[0]?.subject).toBe('Confirmez votre adresse e-mail pour Cabinet');
    expect(await me(cabinet.body.token)).toMatchObject({ email: cabinetEmail, emailVerified: false });
  });

  it('register-cabinet without an email sends nothing, and the account has no address to verify (409)', async () => {
    const cabinet = await registerCabinet();
    expect(await me(cabinet.token)).toMatchObject({ email: null, emailVerified: false });
    const response = await resend(cabinet.token);
    expect(response.status).toBe(409);
    expect(problemOf(response)).toBe('no-email-address');
  });
});

describe('POST /api/auth/verify-email', () => {
  it('proves the address: emailVerified in /me, Cognito email_verified true, the EMAIL# guard; the link then answers 410', async () => {
    const input = createInput();
    const registered = await register(input);
    const token = await tokenFromMail(input.email, VERIFICATION_SUBJECT);

    const response = await verify(token);
    const again = await verify(token);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ email: input.email, emailVerified: true });
    expect(await me(registered.body.token)).toMatchObject({ email: input.email, emailVerified: true });
    expect(await cognitoAttributes(input.email)).toMatchObject({ email: input.email, email_verified: 'true' });
    expect(await getItem(`EMAIL#${input.email}`, 'GUARD')).toMatchObject({ userId: registered.body.user.id });
    expect(again.status).toBe(410);
    expect(again.body).toMatchObject({
      type: 'urn:cabinet:problem:verification-link-used',
      detail: 'This verification link has already been used.',
    });
  });

  it('answers 404 for an unknown token, 400 for a malformed one, 410 for an expired one', async () => {
    const input = createInput();
    await register(input);
    const token = await tokenFromMail(input.email, VERIFICATION_SUBJECT);
    await dynamo().send(
      new UpdateCommand({
        TableName: stack().tableName,
        Key: { pk: `EMAILTOKEN#${sha256(token)}`, sk: 'GUARD' },
        UpdateExpression: 'SET validUntil = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    );

    const unknown = await verify('A'.repeat(43));
    const malformed = await verify('not a token');
    const expired = await verify(token);

    expect(unknown.status).toBe(404);
    expect(problemOf(unknown)).toBe('verification-link-not-found');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ path: 'token', message: 'Invalid token' }]);
    expect(expired.status).toBe(410);
    expect(problemOf(expired)).toBe('verification-link-expired');
  });

  it('refuses (409) to prove an address another account proved first, without naming it', async () => {
    const email = newEmail();
    const first = await registerCabinet({ username: unique('first'), email });
    const second = await registerCabinet({ username: unique('second'), email });
    const [newest, oldest] = await waitForMail(email, { count: 2 });
    expect((await verify(oldest?.token ?? '')).status).toBe(200);

    const response = await verify(newest?.token ?? '');

    expect(response.status).toBe(409);
    expect(problemOf(response)).toBe('email-taken');
    expect(response.text).not.toContain(first.user.id);
    expect(response.text).not.toContain(first.input.username);
    expect(await me(second.token)).toMatchObject({ email, emailVerified: false });
    expect(await getItem(`EMAIL#${email}`, 'GUARD')).toMatchObject({ userId: first.user.id });
  });
});

describe('POST /api/auth/verify-email/resend', () => {
  it('sends another link that works; once verified it answers 409', async () => {
    const input = createInput();
    const registered = await register(input);
    await waitForMail(input.email);

    const response = await resend(registered.body.token);

    expect(response.status).toBe(202);
    expect(response.body).toEqual({ email: input.email, expiresInHours: 24 });
    const [newest, first] = await waitForMail(input.email, { count: 2 });
    expect(newest?.token).not.toBe(first?.token);
    expect((await verify(newest?.token ?? '')).status).toBe(200);
    expect((await resend(registered.body.token)).status).toBe(409);
  });

  it('lets an account created by an admin prove the address the admin set: until then it is not verified', async () => {
    const admin = await registerCabinet();
    const email = newEmail();
    const username = unique('agent');
    const created = await api('POST', orgPath(admin, '/members'), {
      token: admin.token,
      body: {
        username,
        email: email.toUpperCase(),
        password: PASSWORD,
        confirmPassword: PASSWORD,
        nom: 'Agent',
        prenom: 'Test',
        role: 'MEMBER',
      },
    });
    expect(created.status).toBe(201);
    const token = await login(username);
    expect(await me(token)).toMatchObject({ email, emailVerified: false });
    expect(await cognitoAttributes(username)).toMatchObject({ email, email_verified: 'false' });
    expect(await mailTo(email)).toEqual([]);

    expect((await resend(token)).status).toBe(202);
    await verifyFromMail(email);

    expect(await me(token)).toMatchObject({ email, emailVerified: true });
    expect(await cognitoAttributes(username)).toMatchObject({ email_verified: 'true' });
  });

  it('is limited to 5 links an hour per account (429 with Retry-After), and needs a signed-in caller', async () => {
    const input = createInput();
    const registered = await register(input);

    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await resend(registered.body.token)).status);
    const limited = await resend(registered.body.token);

    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await api('POST', '/api/auth/verify-email/resend')).status).toBe(401);
  });
});

describe('POST /api/auth/verify-email is rate limited per client', () => {
  it('answers 429 after 30 attempts from one address in 15 minutes', async () => {
    const from = newClientAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push((await apiFrom(from, 'POST', '/api/auth/verify-email', { body: { token: 'A'.repeat(43) } })).status);
    }
    expect(statuses.slice(0, 30).every((status) => status === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});
