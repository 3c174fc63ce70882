// TOTP MFA a user turns on through the API (issue 9), and an organisation that requires it: each route re-confirms the
// password; codes are computed from the secret like an authenticator app (test/support/totp.ts).
import { describe, expect, it } from 'vitest';
import { enrolTotp, registerAccount } from '#test/accounts';
import { api, PASSWORD, problemOf, registerCabinet } from '#test/api';
import { getItem } from '#test/emulators';
import { eventually } from '#test/members';
import { addNewMember, signIn } from '#test/organisations';
import { totp, wrongTotp } from '#test/totp';

const mfa = (method: string, path: string, token: string, body: Record<string, unknown>) =>
  api(method, `/api/auth/mfa/totp${path}`, { token, body });
const login = (username: string, password = PASSWORD) => api('POST', '/api/auth/login', { body: { username, password } });

describe('POST /api/auth/mfa/totp and /verify', () => {
  it('gives the secret and its otpauth URI, then a code turns MFA on: sign-in asks for the code from then on', async () => {
    const account = await registerAccount();

    const start = await mfa('POST', '', account.token, { password: PASSWORD });

    expect(start.status).toBe(200);
    expect(start.body).toEqual({ secret: expect.stringMatching(/^[A-Z2-7]{16,}=*$/), otpauthUri: expect.any(String) });
    const uri = new URL(start.body.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe(`/Cabinet:${account.email}`);
    expect(uri.searchParams.get('secret')).toBe(start.body.secret);
    expect(uri.searchParams.get('issuer')).toBe('Cabinet');
    // Not on yet: a sign-in still gives tokens at once.
    expect((await login(account.email)).body.token).toEqual(expect.any(String));

    const verified = await mfa('POST', '/verify', account.token, { password: PASSWORD, code: totp(start.body.secret) });

    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ mfaEnabled: true });
    expect(await getItem(`USER#${account.user.id}`, 'PROFILE')).toMatchObject({ mfaEnabled: true });
    const challenged = await login(account.email);
    expect(challenged.body).toEqual({ challenge: 'SOFTWARE_TOKEN_MFA', session: expect.any(String) });
    const completed = await api('POST', '/api/auth/login/mfa', {
      // The enrolment's code is spent (accepted once): the authenticator's next one (Cognito takes one step either way).
      body: { username: account.email, session: challenged.body.session, code: totp(start.body.secret, 1) },
    });
    expect(completed.status).toBe(200);
    expect(completed.body).toMatchObject({ organisation: null });
    expect((await api('GET', '/api/auth/me', { token: completed.body.token })).body.user.mfaEnabled).toBe(true);
  });

  it('refuses a wrong code (400 mfa-code-mismatch), a wrong password (401) and a verification before any enrolment (409)', async () => {
    const account = await registerAccount();
    const early = await mfa('POST', '/verify', account.token, { password: PASSWORD, code: '123456' });
    expect(early.status).toBe(409);
    expect(problemOf(early)).toBe('mfa-enrolment-not-started');
    const { secret } = (await mfa('POST', '', account.token, { password: PASSWORD })).body;

    const wrongCode = await mfa('POST', '/verify', account.token, { password: PASSWORD, code: wrongTotp(secret) });
    const wrongPassword = await mfa('POST', '/verify', account.token, { password: 'Wrong-Password-1', code: totp(secret) });

    expect(wrongCode.status).toBe(400);
    expect(problemOf(wrongCode)).toBe('mfa-code-mismatch');
    expect(wrongPassword.status).toBe(401);
    expect(problemOf(wrongPassword)).toBe('invalid-credentials');
    expect((await login(account.email)).body.token).toEqual(expect.any(String));
  });

  it('answers 409 mfa-already-enabled to a second enrolment', async () => {
    const account = await registerAccount();
    await enrolTotp(account);
    const again = await mfa('POST', '', account.token, { password: PASSWORD });
    expect(again.status).toBe(409);
    expect(problemOf(again)).toBe('mfa-already-enabled');
  });
});

describe('DELETE /api/auth/mfa/totp', () => {
  it('turns MFA off with the password and a current code', async () => {
    const account = await registerAccount();
    const secret = await enrolTotp(account);

    const wrong = await mfa('DELETE', '', account.token, { password: PASSWORD, code: wrongTotp(secret) });
    expect(wrong.status).toBe(400);
    expect(problemOf(wrong)).toBe('mfa-code-mismatch');

    // enrolTotp spent the current code: the next step's is one nobody used.
    const off = await mfa('DELETE', '', account.token, { password: PASSWORD, code: totp(secret, 1) });

    expect(off.status).toBe(200);
    expect(off.body).toEqual({ mfaEnabled: false });
    expect((await login(account.email)).body.token).toEqual(expect.any(String));
    const twice = await mfa('DELETE', '', account.token, { password: PASSWORD, code: totp(secret) });
    expect(twice.status).toBe(409);
    expect(problemOf(twice)).toBe('mfa-not-enabled');
  });
});

describe('an organisation that requires MFA', () => {
  it('refuses members without MFA (403 mfa-required) on member routes until they enrol; user routes keep working', async () => {
    const cabinet = await registerCabinet();
    const member = await addNewMember(cabinet, 'MEMBER');
    await enrolTotp(cabinet, PASSWORD);

    const required = await api('PATCH', `/api/organisations/${cabinet.organisation.id}`, {
      token: cabinet.token,
      body: { mfaRequired: true },
    });

    expect(required.status).toBe(200);
    expect(required.body.organisation.mfaRequired).toBe(true);
    const refused = await eventually(
      () => api('GET', '/api/patients', { token: member.token }),
      (response) => response.status === 403,
    );
    expect(problemOf(refused)).toBe('mfa-required');
    expect((await api('GET', '/api/auth/me', { token: member.token })).status).toBe(200);
    // The admin, with MFA on, goes on working.
    expect((await api('GET', '/api/patients', { token: cabinet.token })).status).toBe(200);

    // The member enrols (a user route), and is let in within the window.
    await enrolTotp(member);
    const allowed = await eventually(
      () => api('GET', '/api/patients', { token: member.token }),
      (response) => response.status === 200,
    );
    expect(allowed.status).toBe(200);
  });

  it('may be required only by an admin who has MFA on (403 otherwise: it would lock them out)', async () => {
    const cabinet = await registerCabinet();

    const response = await api('PATCH', `/api/organisations/${cabinet.organisation.id}`, {
      token: cabinet.token,
      body: { mfaRequired: true },
    });

    expect(response.status).toBe(403);
    expect(problemOf(response)).toBe('mfa-required');
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION')).not.toHaveProperty('mfaRequired');
    expect((await signIn(cabinet.input.username)).organisation.id).toBe(cabinet.organisation.id);
  });
});
