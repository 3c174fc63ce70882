// Passwords (issue 9): a signed-in change, and a reset through a single-use link e-mailed to the account's proven
// address (read back from the local SES emulator). Both refuse every token issued before.

import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { enrolTotp, RESET_SUBJECT, registerAccount, resetToken, verifiedAccount } from '#test/accounts';
import { api, claimsOf, PASSWORD, problemOf, registerCabinet, stack } from '#test/api';
import { dynamo, getItem } from '#test/emulators';
import { latestMail, mailTo, verifyFromMail } from '#test/mail';
import { eventually } from '#test/members';
import { signIn } from '#test/organisations';
import { apiFrom, newClientAddress } from '#test/registration';

const NEW_PASSWORD = 'Cassius2026!x';

const changePassword = (token: string, body: Record<string, unknown>) => api('POST', '/api/auth/password', { token, body });
const forgot = (username: string, from = newClientAddress()) => apiFrom(from, 'POST', '/api/auth/forgot-password', { body: { username } });
const reset = (token: string, newPassword = NEW_PASSWORD, from = newClientAddress()) =>
  apiFrom(from, 'POST', '/api/auth/reset-password', { body: { token, newPassword } });
const loginStatus = async (username: string, password: string) =>
  (await api('POST', '/api/auth/login', { body: { username, password } })).status;

async function refusedSoon(token: string) {
  const response = await eventually(
    () => api('GET', '/api/organisations', { token }),
    (r) => r.status === 401,
  );
  return problemOf(response);
}

describe('POST /api/auth/password', () => {
  it('changes the password and answers a new session; every token issued before is refused, in every session', async () => {
    const cabinet = await registerCabinet();
    const other = await signIn(cabinet.input.username);

    const response = await changePassword(cabinet.token, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ user: { id: cabinet.user.id }, organisation: { id: cabinet.organisation.id } });
    expect((await api('GET', '/api/patients', { token: response.body.token })).status).toBe(200);
    expect(await refusedSoon(cabinet.token)).toBe('token-revoked');
    expect(await refusedSoon(other.token)).toBe('token-revoked');
    const otherRefresh = await api('POST', '/api/auth/refresh', {
      body: { refreshToken: other.refreshToken, username: other.user.username },
    });
    expect(otherRefresh.status).toBe(401);
    expect(await loginStatus(cabinet.input.username, PASSWORD)).toBe(401);
    expect(await loginStatus(cabinet.input.username, NEW_PASSWORD)).toBe(200);
    expect(await getItem(`USER#${cabinet.user.id}`, 'PROFILE')).toMatchObject({ passwordChangedAt: expect.any(String) });
  });

  it('refuses a wrong current password with 401 invalid-credentials and changes nothing', async () => {
    const cabinet = await registerCabinet();

    const response = await changePassword(cabinet.token, { currentPassword: 'Wrong-Password-1', newPassword: NEW_PASSWORD });

    expect(response.status).toBe(401);
    expect(problemOf(response)).toBe('invalid-credentials');
    expect(await loginStatus(cabinet.input.username, PASSWORD)).toBe(200);
    expect((await api('GET', '/api/patients', { token: cabinet.token })).status).toBe(200);
  });

  it('refuses a new password that breaks the policy with 400 naming newPassword', async () => {
    const cabinet = await registerCabinet();
    const response = await changePassword(cabinet.token, { currentPassword: PASSWORD, newPassword: 'short' });
    expect(response.status).toBe(400);
    expect(response.body.errors.every((error: { path: string }) => error.path === 'newPassword')).toBe(true);
  });

  it('answers the TOTP challenge for an account with MFA on (the new session needs the code)', async () => {
    const account = await registerAccount();
    const secret = await enrolTotp(account);

    const response = await changePassword(account.token, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ challenge: 'SOFTWARE_TOKEN_MFA', session: expect.any(String) });
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    expect(await loginStatus(account.email, NEW_PASSWORD)).toBe(200);
  });
});

describe('POST /api/auth/forgot-password', () => {
  it('answers 202 with the same body for an unknown name, an account without a proven address, and one with', async () => {
    const unproven = await registerAccount();
    const proven = await verifiedAccount();
    const answers = await Promise.all([forgot('no.such.person@example.org'), forgot(unproven.email), forgot(proven.email)]);

    for (const answer of answers) {
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual(answers[0]?.body);
    }
    expect(answers[0]?.body).toEqual({
      status: 'ACCEPTED',
      message: 'If an account matches, a link to choose a new password has been sent to its verified e-mail address.',
      expiresInMinutes: 60,
    });
    // Only the proven address gets a link: an unproven one may belong to someone else.
    const mail = await latestMail(proven.email, RESET_SUBJECT);
    expect(mail.link).toMatch(new RegExp(`^${stack().baseUrl}/reset-password\\?token=[\\w-]{43}$`));
    expect(mail.text).toContain('60 minutes');
    expect((await mailTo(unproven.email)).filter((m) => RESET_SUBJECT.test(m.subject))).toEqual([]);
  });

  it('finds the account by its verified address when the username is another', async () => {
    const email = `reset.${Date.now()}@example.org`;
    const cabinet = await registerCabinet({ email });
    await api('POST', '/api/auth/verify-email/resend', { token: cabinet.token });
    await verifyFromMail(email);

    const token = await resetToken(email, email);

    // Only the token's hash is stored.
    const hash = createHash('sha256').update(token).digest('hex');
    expect(await getItem(`PWRESET#${hash}`, 'GUARD')).toMatchObject({ userId: cabinet.user.id, validUntil: expect.any(String) });
    expect((await reset(token)).status).toBe(204);
    expect(await loginStatus(cabinet.input.username, NEW_PASSWORD)).toBe(200);
  });

  it('limits asking per name and per client (429 with Retry-After), the same for an unknown name', async () => {
    const from = newClientAddress();
    const name = `unknown.${Date.now()}@example.org`;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) statuses.push((await forgot(name)).status);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    const perClient: number[] = [];
    for (let attempt = 0; attempt < 11; attempt++)
      perClient.push((await forgot(`someone.${attempt}.${Date.now()}@example.org`, from)).status);
    expect(perClient.slice(0, 10).every((status) => status === 202)).toBe(true);
    const limited = await forgot('another@example.org', from);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('POST /api/auth/reset-password', () => {
  it('sets the new password once: 204, every earlier token refused; the same link again is 410', async () => {
    const account = await verifiedAccount();
    const other = await signIn(account.email);
    const token = await resetToken(account.email, account.email);

    const response = await reset(token);

    expect(response.status).toBe(204);
    expect(await refusedSoon(account.token)).toBe('token-revoked');
    expect(await refusedSoon(other.token)).toBe('token-revoked');
    expect(await loginStatus(account.email, PASSWORD)).toBe(401);
    expect(await loginStatus(account.email, NEW_PASSWORD)).toBe(200);
    const again = await reset(token, 'Another2026!x');
    expect(again.status).toBe(410);
    expect(problemOf(again)).toBe('reset-link-used');
  });

  it('answers 410 for an expired link and 404 for an unknown one', async () => {
    const account = await verifiedAccount();
    const token = await resetToken(account.email, account.email);
    const hash = createHash('sha256').update(token).digest('hex');
    // Arrange: the link's hour has passed.
    await dynamo().send(
      new UpdateCommand({
        TableName: stack().tableName,
        Key: { pk: `PWRESET#${hash}`, sk: 'GUARD' },
        UpdateExpression: 'SET validUntil = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    );

    const expired = await reset(token);
    const unknown = await reset('AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');

    expect(expired.status).toBe(410);
    expect(problemOf(expired)).toBe('reset-link-expired');
    expect(unknown.status).toBe(404);
    expect(problemOf(unknown)).toBe('reset-link-not-found');
    expect(await loginStatus(account.email, PASSWORD)).toBe(200);
  });

  it('voids a link asked for before a later password change', async () => {
    const account = await verifiedAccount();
    const token = await resetToken(account.email, account.email);
    expect((await changePassword(account.token, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).status).toBe(200);

    const response = await reset(token, 'Another2026!x');

    expect(response.status).toBe(410);
    expect(await loginStatus(account.email, NEW_PASSWORD)).toBe(200);
  });

  it('refuses a new password that breaks the policy (400) and leaves the link usable', async () => {
    const account = await verifiedAccount();
    const token = await resetToken(account.email, account.email);

    const weak = await reset(token, 'alllowercase');

    expect(weak.status).toBe(400);
    expect((await reset(token)).status).toBe(204);
    expect(claimsOf(account.token).sub).toBe(account.user.id);
  });
});
