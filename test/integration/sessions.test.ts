// Signing out (issue 9, sessions): POST /api/auth/logout revokes the refresh token (Cognito RevokeToken, and the
// API's session record), and the ID tokens issued through that session — or through every session of the person
// with everywhere: true — are refused within the 5 s membership window, although Cognito cannot revoke an ID token.

import { createHash } from 'node:crypto';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { api, claimsOf, problemOf, registerCabinet, stack } from '#test/api';
import { cognito, getItem } from '#test/emulators';
import { eventually } from '#test/members';
import { signIn } from '#test/organisations';

const refresh = (session: { refreshToken: string; user: { username: string } }, clientId?: string) =>
  api('POST', '/api/auth/refresh', {
    body: { refreshToken: session.refreshToken, username: session.user.username, ...(clientId ? { clientId } : {}) },
  });
const logout = (session: { token: string; refreshToken: string }, everywhere?: boolean) =>
  api('POST', '/api/auth/logout', {
    token: session.token,
    body: { refreshToken: session.refreshToken, ...(everywhere === undefined ? {} : { everywhere }) },
  });
const sessionItem = (refreshToken: string) => getItem(`SESSION#${createHash('sha256').update(refreshToken).digest('hex')}`, 'SESSION');

/** Polls a member route and a user route with `token` until both refuse it (at most the 5 s cache window). */
async function refusedEverywhere(token: string) {
  const member = await eventually(
    () => api('GET', '/api/patients', { token }),
    (response) => response.status === 401,
  );
  const user = await eventually(
    () => api('GET', '/api/organisations', { token }),
    (response) => response.status === 401,
  );
  return [problemOf(member), problemOf(user)];
}

describe('session records', () => {
  it('records every session the API issues with the jti of each ID token, never the refresh token itself', async () => {
    const cabinet = await registerCabinet();
    const refreshed = await refresh(cabinet);
    expect(refreshed.status).toBe(200);

    const item = await sessionItem(cabinet.refreshToken);

    expect(item).toMatchObject({
      userId: cabinet.user.id,
      clientId: claimsOf(cabinet.token).aud,
      idTokens: [
        { jti: claimsOf(cabinet.token).jti, exp: claimsOf(cabinet.token).exp },
        { jti: claimsOf(refreshed.body.token).jti, exp: claimsOf(refreshed.body.token).exp },
      ],
    });
    expect(JSON.stringify(item)).not.toContain(cabinet.refreshToken);
    // Every token carries its issuance in milliseconds (set by the pre-token trigger).
    expect(Number(claimsOf(refreshed.body.token).issuedAtMs)).toBeGreaterThan(Number(claimsOf(cabinet.token).issuedAtMs));
  });
});

describe('POST /api/auth/logout', () => {
  it('revokes the session: its refresh token answers 401, its ID tokens (refreshed ones too) are refused; other sessions go on', async () => {
    const cabinet = await registerCabinet();
    const refreshed = (await refresh(cabinet)).body.token as string;
    const other = await signIn(cabinet.input.username);

    const response = await logout(cabinet);

    expect(response.status).toBe(204);
    expect(await refusedEverywhere(cabinet.token)).toEqual(['token-revoked', 'token-revoked']);
    expect(await refusedEverywhere(refreshed)).toEqual(['token-revoked', 'token-revoked']);
    const again = await refresh(cabinet);
    expect(again.status).toBe(401);
    expect(problemOf(again)).toBe('invalid-refresh-token');
    expect(await sessionItem(cabinet.refreshToken)).toMatchObject({ revokedAt: expect.any(String) });
    // Another session of the same person is untouched.
    expect((await api('GET', '/api/patients', { token: other.token })).status).toBe(200);
    expect((await refresh(other)).status).toBe(200);
  });

  it('is revoked in Cognito too: the refresh token no longer works there either', async () => {
    const cabinet = await registerCabinet();
    const refreshInCognito = () =>
      cognito().send(
        new InitiateAuthCommand({
          ClientId: stack().clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: cabinet.refreshToken },
        }),
      );
    // cognito-local checks no SECRET_HASH, so the test can ask it directly, as the API would.
    expect((await refreshInCognito()).AuthenticationResult?.IdToken).toEqual(expect.any(String));

    await logout(cabinet);

    await expect(refreshInCognito()).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('with everywhere: true, refuses every token issued before, in every session, and every such session’s refresh', async () => {
    const cabinet = await registerCabinet();
    const other = await signIn(cabinet.input.username);
    const otherRefreshed = (await refresh(other)).body.token as string;

    const response = await logout(cabinet, true);

    expect(response.status).toBe(204);
    for (const token of [cabinet.token, other.token, otherRefreshed]) {
      expect(await refusedEverywhere(token)).toEqual(['token-revoked', 'token-revoked']);
    }
    const otherRefresh = await refresh(other);
    expect(otherRefresh.status).toBe(401);
    expect(problemOf(otherRefresh)).toBe('invalid-refresh-token');
    // A new sign-in afterwards works at once (its token is issued after the revocation instant).
    const fresh = await signIn(cabinet.input.username);
    expect((await api('GET', '/api/patients', { token: fresh.token })).status).toBe(200);
    expect((await refresh(fresh)).status).toBe(200);
    expect(await getItem(`USER#${cabinet.user.id}`, 'PROFILE')).toMatchObject({ tokensValidAfter: expect.any(Number) });
  });

  it('is idempotent: signing out a session twice answers 204 both times', async () => {
    const cabinet = await registerCabinet();
    const second = await signIn(cabinet.input.username);
    expect((await logout(cabinet)).status).toBe(204);
    // The first session's token is refused now; the person signs out again from another session's token.
    expect((await logout({ token: second.token, refreshToken: cabinet.refreshToken })).status).toBe(204);
  });

  it("refuses to sign out another person's session (401), revoking nothing", async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), registerCabinet()]);

    const response = await logout({ token: cabinet.token, refreshToken: other.refreshToken });

    expect(response.status).toBe(401);
    expect(problemOf(response)).toBe('refresh-token-not-yours');
    expect((await refresh(other)).status).toBe(200);
    expect((await api('GET', '/api/patients', { token: other.token })).status).toBe(200);
    expect((await api('GET', '/api/patients', { token: cabinet.token })).status).toBe(200);
  });

  it('answers 401 without a token and 400 for a body without refresh token', async () => {
    const cabinet = await registerCabinet();
    expect((await api('POST', '/api/auth/logout', { body: { refreshToken: cabinet.refreshToken } })).status).toBe(401);
    const invalid = await api('POST', '/api/auth/logout', { token: cabinet.token, body: { everywhere: 'yes' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['everywhere', 'refreshToken']);
  });
});

describe('POST /api/auth/refresh', () => {
  it('refuses a client id that is not one of the pool’s app clients', async () => {
    const cabinet = await registerCabinet();
    const response = await refresh(cabinet, 'someotherclient');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: 'clientId', message: "clientId must be one of the user pool's app clients (api or web)" },
    ]);
  });

  it('refuses a refresh token presented with another username (401), as AWS does', async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), registerCabinet()]);
    const response = await api('POST', '/api/auth/refresh', {
      body: { refreshToken: cabinet.refreshToken, username: other.input.username },
    });
    expect(response.status).toBe(401);
  });
});
