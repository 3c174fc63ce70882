// Hosted login, the same locally as deployed (issue 9): the local runtime creates the `web` app client as CDK
// does, and its ready sign-in URL (authorization code + PKCE) gives, through cognito-local's form and
// /oauth2/token, an ID token the API accepts.
import { describe, expect, it } from 'vitest';
import { api, claimsOf, PASSWORD, registerCabinet, stack } from '#test/api';

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
