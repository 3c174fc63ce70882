// Login, refresh and the token checks every protected route performs.
import { CreateUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, claimsOf, PASSWORD, problemOf, registerCabinet, stack } from '#test/api';
import { cognito, signInThroughApiClient } from '#test/emulators';
import { algNone, signLikeCognitoLocal, withPayload } from '#test/tokens';

let cabinet: Awaited<ReturnType<typeof registerCabinet>>;
beforeAll(async () => {
  cabinet = await registerCabinet();
});

describe('POST /api/auth/login', () => {
  it('returns a token and the session shape for valid credentials', async () => {
    const response = await api('POST', '/api/auth/login', { body: { username: cabinet.input.username, password: PASSWORD } });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ user: cabinet.user, organisation: cabinet.organisation, expiresIn: expect.any(Number) });
    expect(claimsOf(response.body.token)).toMatchObject({ organisationId: cabinet.organisation.id, role: 'ADMIN' });
  });

  it('answers an unknown user and a wrong password identically (no user enumeration)', async () => {
    const wrongPassword = await api('POST', '/api/auth/login', {
      body: { username: cabinet.input.username, password: 'Wrong-Password-1' },
    });
    const unknownUser = await api('POST', '/api/auth/login', { body: { username: 'no.such.user', password: 'Wrong-Password-1' } });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownUser.body);
    expect(problemOf(wrongPassword)).toBe('invalid-credentials');
  });
});

describe('POST /api/auth/refresh', () => {
  it('takes the refresh token alone and answers what the session now is, as a sign-in does', async () => {
    const response = await api('POST', '/api/auth/refresh', { body: { refreshToken: cabinet.refreshToken } });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['expiresIn', 'organisation', 'refreshToken', 'token', 'user']);
    // cognito-local does not rotate refresh tokens: the answer repeats the one sent.
    expect(response.body.refreshToken).toBe(cabinet.refreshToken);
    expect(response.body.user).toMatchObject({ id: cabinet.user.id, username: cabinet.input.username, role: 'ADMIN' });
    expect(response.body.organisation).toMatchObject({ id: cabinet.organisation.id, nom: cabinet.organisation.nom });
    expect(claimsOf(response.body.token)).toMatchObject({ organisationId: cabinet.organisation.id, role: 'ADMIN' });
    expect((await api('GET', '/api/auth/me', { token: response.body.token })).status).toBe(200);
  });

  it('still takes the username and clientId the earlier contract sent, when they match the record', async () => {
    const response = await api('POST', '/api/auth/refresh', {
      body: { refreshToken: cabinet.refreshToken, username: cabinet.input.username, clientId: stack().clientId },
    });
    expect(response.status).toBe(200);
    expect(claimsOf(response.body.token)).toMatchObject({ aud: stack().clientId, organisationId: cabinet.organisation.id });
  });

  it('answers 401 when the clientId sent is not the one the session began with', async () => {
    const response = await api('POST', '/api/auth/refresh', {
      body: { refreshToken: cabinet.refreshToken, clientId: stack().webClientId },
    });
    expect(response.status).toBe(401);
    expect(problemOf(response)).toBe('invalid-refresh-token');
  });

  it('answers 401 for a refresh token Cognito does not know', async () => {
    const response = await api('POST', '/api/auth/refresh', {
      body: { refreshToken: 'not-a-refresh-token', username: cabinet.input.username, clientId: stack().clientId },
    });
    expect(response.status).toBe(401);
  });

  it('asks for the clientId of a refresh token the API never recorded (400), never guessing the api client', async () => {
    const response = await api('POST', '/api/auth/refresh', { body: { refreshToken: 'not-a-refresh-token' } });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'clientId', message: expect.stringContaining('clientId is required') }]);
  });

  it("answers 401 for a refresh token presented with another user's username (the secret hash names the user)", async () => {
    const other = await registerCabinet();
    const response = await api('POST', '/api/auth/refresh', {
      body: { refreshToken: cabinet.refreshToken, username: other.input.username },
    });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({
      type: 'urn:cabinet:problem:invalid-refresh-token',
      detail: 'The refresh token is invalid or expired.',
    });
    expect(response.body.token).toBeUndefined();
  });
});

describe('protected routes: token checks', () => {
  const expectUnauthorized = async (token: string | undefined, raw?: string) => {
    const response = await api('GET', '/api/patients', raw ? { headers: { authorization: raw } } : token ? { token } : {});
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  };

  it('refuses a missing token', () => expectUnauthorized(undefined));
  it('refuses a non-bearer authorization header', () => expectUnauthorized(undefined, 'Basic ZHI6cHc='));
  it('refuses a garbage token', () => expectUnauthorized('not.a.jwt'));
  it('refuses a token whose payload was tampered with', () =>
    expectUnauthorized(withPayload(cabinet.token, (p) => ({ ...p, organisationId: 'default-org-001' }))));
  it('refuses an unsigned (alg none) token', () => expectUnauthorized(algNone(cabinet.token)));

  it('accepts a token re-minted with the emulator key and unchanged claims (control for the two tests below)', async () => {
    const response = await api('GET', '/api/patients', { token: signLikeCognitoLocal(claimsOf(cabinet.token)) });
    expect(response.status).toBe(200);
  });

  it('refuses an expired token that is otherwise correctly signed', () => {
    const claims = claimsOf(cabinet.token);
    const past = Math.floor(Date.now() / 1000) - 3600;
    return expectUnauthorized(signLikeCognitoLocal({ ...claims, iat: past - 3600, auth_time: past - 3600, exp: past }));
  });

  it('refuses a correctly signed token that carries no expiry (issue 7, item 7)', () => {
    const { exp: _exp, ...claims } = claimsOf(cabinet.token);
    return expectUnauthorized(signLikeCognitoLocal(claims));
  });

  it('refuses a correctly signed token issued to another app client (wrong audience)', async () => {
    const other = await cognito().send(
      new CreateUserPoolClientCommand({
        UserPoolId: stack().userPoolId,
        ClientName: 'not-cabinet',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
      }),
    );
    // Signed as cognito-local signs: the pre-token trigger gives no token to a client it does not know
    // (hosted-login.test.ts), so the token another client would get is minted with the emulator's key.
    const idToken = signLikeCognitoLocal({ ...claimsOf(cabinet.token), aud: other.UserPoolClient?.ClientId });
    expect(claimsOf(idToken).organisationId).toBe(cabinet.organisation.id);
    await expectUnauthorized(idToken);
  });

  it('refuses an access token: only ID tokens carry the organisation claims', async () => {
    const tokens = await signInThroughApiClient(cabinet.input.username, PASSWORD);
    await expectUnauthorized(tokens.AccessToken!);
  });

  it('refuses a token whose signed organisationId has no membership behind it', () => {
    const claims = claimsOf(cabinet.token);
    return expectUnauthorized(signLikeCognitoLocal({ ...claims, organisationId: 'default-org-001' }));
  });
});
