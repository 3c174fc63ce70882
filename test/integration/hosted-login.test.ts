// Hosted login, the same locally as deployed (issue 9): the local runtime creates the `web` app client as CDK
// does, and its ready sign-in URL (authorization code + PKCE) gives, through cognito-local's form and
// /oauth2/token, an ID token the API accepts. The web client is public, so nobody may sign in through it directly
// (issue 15): the pre-token trigger refuses it, as it refuses any client and flow the API does not expect.
import { CreateUserPoolClientCommand, DeleteUserPoolClientCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { hostedLogin } from '#local/hosted-login';
import { api, claimsOf, PASSWORD, problemOf, registerCabinet, stack, unique } from '#test/api';
import { cognito, getItem } from '#test/emulators';
import { eventually } from '#test/members';
import { createOrganisation, signIn as signInApi } from '#test/organisations';

/** The sign-in form's POST: what a browser sends when the person submits cognito-local's /oauth2/authorize page. */
async function signIn(authorizeUrl: string, username: string, password: string): Promise<Response> {
  const query = new URL(authorizeUrl).searchParams;
  const form = new URLSearchParams({
    client_id: query.get('client_id') ?? '',
    redirect_uri: query.get('redirect_uri') ?? '',
    response_type: 'code',
    code_challenge: query.get('code_challenge') ?? '',
    code_challenge_method: 'S256',
    scope: query.get('scope') ?? '',
    state: query.get('state') ?? '',
    username,
    password,
  });
  return fetch(`${stack().cognitoEndpoint}/oauth2/authorize`, { method: 'POST', body: form, redirect: 'manual' });
}

async function exchange(code: string, codeVerifier: string, redirectUri: string) {
  const response = await fetch(`${stack().cognitoEndpoint}/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: stack().webClientId,
      redirect_uri: redirectUri,
      code_verifier: codeVerifier,
      code,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('hosted login (authorization code + PKCE, web client) against cognito-local', () => {
  it('signs in with the ready URL and calls the API with the resulting ID token', async () => {
    const cabinet = await registerCabinet();
    const { hostedLoginUrl, hostedLoginCodeVerifier } = stack();

    const form = await fetch(hostedLoginUrl);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="password"');

    const redirected = await signIn(hostedLoginUrl, cabinet.input.username, PASSWORD);
    expect(redirected.status).toBe(302);
    const callback = new URL(redirected.headers.get('location') ?? '');
    const authorize = new URL(hostedLoginUrl).searchParams;
    expect(`${callback.origin}${callback.pathname}`).toBe(authorize.get('redirect_uri'));
    expect(callback.searchParams.get('state')).toBe(authorize.get('state'));
    const code = callback.searchParams.get('code') ?? '';

    const tokens = await exchange(code, hostedLoginCodeVerifier, authorize.get('redirect_uri') ?? '');
    expect(tokens.status).toBe(200);
    const claims = claimsOf(tokens.body.id_token ?? '');
    expect(claims).toMatchObject({ token_use: 'id', aud: stack().webClientId, organisationId: cabinet.organisation.id, role: 'ADMIN' });

    const me = await api('GET', '/api/auth/me', { token: tokens.body.id_token });
    expect(me.status).toBe(200);
    expect(me.body.organisation.id).toBe(cabinet.organisation.id);
    const patients = await api('GET', '/api/patients', { token: tokens.body.id_token });
    expect(patients.status).toBe(200);

    // The access token of the same sign-in is not an ID token: refused.
    expect((await api('GET', '/api/auth/me', { token: tokens.body.access_token })).status).toBe(401);
  });

  it('refuses the code with another PKCE verifier, and a wrong password gets no code', async () => {
    const cabinet = await registerCabinet();
    const { hostedLoginUrl } = stack();
    const redirectUri = new URL(hostedLoginUrl).searchParams.get('redirect_uri') ?? '';
    const wrong = await signIn(hostedLoginUrl, cabinet.input.username, 'Wrong-password-1');
    expect(wrong.status).toBe(200);
    expect(wrong.headers.get('location')).toBeNull();

    const redirected = await signIn(hostedLoginUrl, cabinet.input.username, PASSWORD);
    const code = new URL(redirected.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const tokens = await exchange(code, 'another-verifier-another-verifier-another-verifier', redirectUri);
    expect(tokens.status).toBe(400);
    expect(tokens.body.error).toBe('invalid_grant');
  });

  it("registers the docs page's OAuth 2 redirect as a callback URL, and no other origin", async () => {
    const { baseUrl, callbackUrls, hostedLoginUrl } = stack();
    expect(callbackUrls).toContain(`${baseUrl}/api/docs/oauth2-redirect.html`);
    const authorizeWith = (redirectUri: string) => {
      const url = new URL(hostedLoginUrl);
      url.searchParams.set('redirect_uri', redirectUri);
      return fetch(url);
    };
    expect((await authorizeWith(`${baseUrl}/api/docs/oauth2-redirect.html`)).status).toBe(200);
    expect((await authorizeWith('https://evil.example/api/docs/oauth2-redirect.html')).status).toBe(400);
  });
});

/** A full hosted sign-in (form, code, PKCE exchange) with a fresh URL: the web client's id_token and refresh_token. */
async function hostedSession(username: string) {
  const login = hostedLogin(
    stack().cognitoEndpoint,
    stack().webClientId,
    new URL(stack().hostedLoginUrl).searchParams.get('redirect_uri') ?? '',
  );
  const redirected = await signIn(login.url, username, PASSWORD);
  const code = new URL(redirected.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const tokens = await exchange(code, login.codeVerifier, login.redirectUri);
  if (tokens.status !== 200) throw new Error(`token exchange failed: ${tokens.status}`);
  return { token: tokens.body.id_token ?? '', refreshToken: tokens.body.refresh_token ?? '' };
}

/** What a browser app does to refresh at the hosted login itself, without the API. */
const refreshAtCognito = (refreshToken: string) =>
  fetch(`${stack().cognitoEndpoint}/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: stack().webClientId, refresh_token: refreshToken }),
  });

describe('a hosted-login session through the API (the web client is the token’s own)', () => {
  it('refreshes through the web client (clientId), and the API records the session from then on', async () => {
    const cabinet = await registerCabinet();
    const hosted = await hostedSession(cabinet.input.username);

    const refreshed = await api('POST', '/api/auth/refresh', {
      body: { refreshToken: hosted.refreshToken, username: cabinet.input.username, clientId: stack().webClientId },
    });

    expect(refreshed.status).toBe(200);
    expect(claimsOf(refreshed.body.token)).toMatchObject({ aud: stack().webClientId, organisationId: cabinet.organisation.id });
    expect((await api('GET', '/api/patients', { token: refreshed.body.token })).status).toBe(200);
    // Recorded now: the refresh token alone goes through its own client, the web client.
    const alone = await api('POST', '/api/auth/refresh', { body: { refreshToken: hosted.refreshToken } });
    expect(alone.status).toBe(200);
    expect(claimsOf(alone.body.token)).toMatchObject({ aud: stack().webClientId, organisationId: cabinet.organisation.id });
  });

  it('never exchanges an unrecorded web-client refresh token through the api client: its clientId is asked for', async () => {
    const cabinet = await registerCabinet();
    const hosted = await hostedSession(cabinet.input.username);

    const refused = await api('POST', '/api/auth/refresh', {
      body: { refreshToken: hosted.refreshToken, username: cabinet.input.username },
    });

    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ path: 'clientId', message: expect.stringContaining('clientId is required') }]);
    expect(refused.body.token).toBeUndefined();
  });

  it('switches organisation with a hosted-login token and its refresh token', async () => {
    const cabinet = await registerCabinet();
    const second = await createOrganisation(cabinet.token);
    const hosted = await hostedSession(cabinet.input.username);

    const switched = await api('POST', '/api/auth/switch-organisation', {
      token: hosted.token,
      body: { organisationId: second.id, refreshToken: hosted.refreshToken },
    });

    expect(switched.status).toBe(200);
    expect(claimsOf(switched.body.token)).toMatchObject({ aud: stack().webClientId, organisationId: second.id, role: 'ADMIN' });
    expect(await getItem(`USER#${cabinet.user.id}`, 'PROFILE')).toMatchObject({ currentOrganisationId: second.id });
  });

  it('changes nothing when the new token is not issued (a refused refresh token): the current organisation stays', async () => {
    const cabinet = await registerCabinet();
    const second = await createOrganisation(cabinet.token);
    const hosted = await hostedSession(cabinet.input.username);

    const switched = await api('POST', '/api/auth/switch-organisation', {
      token: hosted.token,
      body: { organisationId: second.id, refreshToken: 'not-a-refresh-token-at-all' },
    });

    expect(switched.status).toBe(401);
    expect(problemOf(switched)).toBe('invalid-refresh-token');
    expect(await getItem(`USER#${cabinet.user.id}`, 'PROFILE')).toMatchObject({ currentOrganisationId: cabinet.organisation.id });
    expect((await signInApi(cabinet.input.username)).organisation.id).toBe(cabinet.organisation.id);
  });

  it('signs a hosted-login session out: its refresh token is revoked at Cognito, its ID token refused by the API', async () => {
    const cabinet = await registerCabinet();
    const hosted = await hostedSession(cabinet.input.username);

    const out = await api('POST', '/api/auth/logout', { token: hosted.token, body: { refreshToken: hosted.refreshToken } });

    expect(out.status).toBe(204);
    expect((await refreshAtCognito(hosted.refreshToken)).status).toBe(400);
    const refused = await eventually(
      () => api('GET', '/api/patients', { token: hosted.token }),
      (response) => response.status === 401,
    );
    expect(problemOf(refused)).toBe('token-revoked');
  });

  it('is covered by a sign-out everywhere from another session: its ID tokens are refused (docs/security.md: what is and is not revoked locally)', async () => {
    const cabinet = await registerCabinet();
    const hosted = await hostedSession(cabinet.input.username);

    const out = await api('POST', '/api/auth/logout', {
      token: cabinet.token,
      body: { refreshToken: cabinet.refreshToken, everywhere: true },
    });

    expect(out.status).toBe(204);
    const refused = await eventually(
      () => api('GET', '/api/patients', { token: hosted.token }),
      (response) => response.status === 401,
    );
    expect(problemOf(refused)).toBe('token-revoked');
    // The limit docs/security.md (Sessions and revocation) states: cognito-local has no global sign-out, so a hosted-login refresh token the API never
    // saw still refreshes at cognito-local (deployed, AdminUserGlobalSignOut revokes it and auth_time refuses its tokens).
    expect((await refreshAtCognito(hosted.refreshToken)).status).toBe(200);
  });
});

/** InitiateAuth straight at Cognito, as anyone holding a client id could call it (no SECRET_HASH: the web client has none). */
const signInAtCognito = (clientId: string, username: string) =>
  cognito().send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD } }),
  );

describe('the pre-token trigger: no tokens to an app client and flow the API does not expect', () => {
  it("refuses the web client's direct sign-in with its public id (cognito-local runs the flow; deployed, the client allows none)", async () => {
    const cabinet = await registerCabinet();
    await expect(signInAtCognito(stack().webClientId, cabinet.input.username)).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: expect.stringContaining('No tokens for the web app client through TokenGeneration_Authentication'),
    });
    // The same person still signs in through the API (api client) and through the hosted login (web client).
    expect((await signInApi(cabinet.input.username)).organisation.id).toBe(cabinet.organisation.id);
    expect(claimsOf((await hostedSession(cabinet.input.username)).token)).toMatchObject({ aud: stack().webClientId });
  });

  it('refuses every token to an app client it does not know (one added to the pool outside the stack)', async () => {
    const cabinet = await registerCabinet();
    const { UserPoolClient } = await cognito().send(
      new CreateUserPoolClientCommand({
        UserPoolId: stack().userPoolId,
        ClientName: unique('rogue'),
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
      }),
    );
    const rogue = UserPoolClient?.ClientId ?? '';
    try {
      await expect(signInAtCognito(rogue, cabinet.input.username)).rejects.toMatchObject({ name: 'UserLambdaValidationException' });
    } finally {
      await cognito().send(new DeleteUserPoolClientCommand({ UserPoolId: stack().userPoolId, ClientId: rogue }));
    }
  });
});
