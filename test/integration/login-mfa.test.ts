// Sign-in with TOTP MFA. A user turns TOTP on through Cognito with an access token from the hosted login (the API
// accepts ID tokens only); from then on POST /api/auth/login answers Cognito's challenge, and
// POST /api/auth/login/mfa completes the sign-in with the authenticator's code.
import {
  AssociateSoftwareTokenCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, claimsOf, PASSWORD, registerCabinet } from '#test/api';
import { cognito, signInThroughApiClient } from '#test/emulators';
import { totp, wrongTotp } from '#test/totp';

let cabinet: Awaited<ReturnType<typeof registerCabinet>>;
let secret: string;

/**
 * What an app does with the hosted login's access token: associate an authenticator, verify it, prefer it. The access
 * token comes from the api client here (with its secret hash), standing in for the hosted login's.
 */
async function turnTotpOn(username: string): Promise<string> {
  const client = cognito();
  const { AccessToken } = await signInThroughApiClient(username, PASSWORD);
  if (!AccessToken) throw new Error('no access token');
  const { SecretCode } = await client.send(new AssociateSoftwareTokenCommand({ AccessToken }));
  if (!SecretCode) throw new Error('no TOTP secret');
  await client.send(new VerifySoftwareTokenCommand({ AccessToken, UserCode: totp(SecretCode), FriendlyDeviceName: 'phone' }));
  await client.send(new SetUserMFAPreferenceCommand({ AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
  return SecretCode;
}

const login = () => api('POST', '/api/auth/login', { body: { username: cabinet.input.username, password: PASSWORD } });

beforeAll(async () => {
  cabinet = await registerCabinet();
  secret = await turnTotpOn(cabinet.input.username);
});

describe('POST /api/auth/login for a user with TOTP MFA', () => {
  it('answers the challenge and its session instead of a token', async () => {
    const response = await login();
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['challenge', 'session']);
    expect(response.body).toEqual({ challenge: 'SOFTWARE_TOKEN_MFA', session: expect.any(String) });
  });

  it('still answers a wrong password exactly like an unknown user (the challenge comes only after the password)', async () => {
    const wrongPassword = await api('POST', '/api/auth/login', {
      body: { username: cabinet.input.username, password: 'Wrong-Password-1' },
    });
    const unknownUser = await api('POST', '/api/auth/login', { body: { username: 'no.such.user', password: 'Wrong-Password-1' } });
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownUser.body);
  });
});

describe('POST /api/auth/login/mfa', () => {
  it('completes the sign-in with the authenticator code: the same session as a plain login, a token that works', async () => {
    const { session } = (await login()).body;
    const response = await api('POST', '/api/auth/login/mfa', { body: { username: cabinet.input.username, session, code: totp(secret) } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ user: cabinet.user, organisation: cabinet.organisation, expiresIn: expect.any(Number) });
    expect(claimsOf(response.body.token)).toMatchObject({ organisationId: cabinet.organisation.id, role: 'ADMIN', token_use: 'id' });
    const me = await api('GET', '/api/auth/me', { token: response.body.token });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(cabinet.user.id);
  });

  it('answers 401 problem+json for a wrong code, and gives no token', async () => {
    const { session } = (await login()).body;
    const response = await api('POST', '/api/auth/login/mfa', {
      body: { username: cabinet.input.username, session, code: wrongTotp(secret) },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 401, detail: 'The code is wrong, or the sign-in session is invalid or expired.' });
    expect(response.text).not.toContain('token"');
  });

  it('answers the same 401 for a user without an authenticator and for an unknown user', async () => {
    const plain = await registerCabinet();
    const body = (username: string) => ({ username, session: 'a'.repeat(40), code: totp(secret) });
    const noAuthenticator = await api('POST', '/api/auth/login/mfa', { body: body(plain.input.username) });
    const unknown = await api('POST', '/api/auth/login/mfa', { body: body('no.such.user') });
    expect(noAuthenticator.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(noAuthenticator.body.detail).toBe(unknown.body.detail);
  });

  it('lists every failing rule for bad input, and refuses unknown fields', async () => {
    const response = await api('POST', '/api/auth/login/mfa', { body: { username: '', session: 'short', code: '12a456', remember: true } });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['code', 'remember', 'session', 'username']);
    expect(response.body.errors).toContainEqual({ path: 'code', message: 'Code must be the 6 digits shown by the authenticator app' });
  });
});
