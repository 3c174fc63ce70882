// Sign-in through the hosted login (authorization code + PKCE S256 with the `web` app client), tokens in memory
// only (never localStorage or sessionStorage: a reload signs in again), refreshed through the API
// (POST /api/auth/refresh with the web client's id), sign-out ending the session (POST /api/auth/logout).
// sessionStorage holds only the PKCE verifier and state between the redirect and the callback, then drops them.
import { type CabinetClient, createCabinetClient } from '../../clients/typescript/src/index.ts';
import type { ConsoleConfig } from '../csp.ts';
import { signal } from './state.ts';

export interface Session {
  idToken: string;
  refreshToken: string;
  /** The hosted login's client, or undefined for tokens the API issued (registration). */
  clientId: string | undefined;
  username: string;
  superAdmin: boolean;
  expiresAt: number;
}

export const session = signal<Session | undefined>(undefined);
let config: ConsoleConfig;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
export let client: CabinetClient;

export const CALLBACK_PATH = '/console/callback';
const redirectUri = () => `${location.origin}${CALLBACK_PATH}`;

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console/config.json', { cache: 'no-store' });
  config = (await response.json()) as ConsoleConfig;
  client = createCabinetClient({ baseUrl: config.apiUrl || location.origin, token: () => session.value?.idToken });
  return config;
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
const randomString = () => base64url(crypto.getRandomValues(new Uint8Array(32)));

export function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(atob(payload.replaceAll('-', '+').replaceAll('_', '/'))) as Record<string, unknown>;
}

/** Goes to the hosted login; it comes back to /console/callback with a code. */
export async function signIn(): Promise<void> {
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem('cabinet.pkce', JSON.stringify({ verifier, state, back: location.pathname }));
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const query = new URLSearchParams({
    client_id: config.clientId,
    response_type: 'code',
    scope: 'openid email profile',
    redirect_uri: redirectUri(),
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  });
  location.assign(`${config.hostedLoginUrl}/oauth2/authorize?${query}`);
}

/** On /console/callback: exchanges the code (with the verifier) at the hosted login's token endpoint. */
export async function completeSignIn(search: URLSearchParams): Promise<string> {
  const saved = JSON.parse(sessionStorage.getItem('cabinet.pkce') ?? 'null') as { verifier: string; state: string; back: string } | null;
  sessionStorage.removeItem('cabinet.pkce');
  const code = search.get('code');
  if (!saved || !code || search.get('state') !== saved.state) throw new Error('The sign-in answer does not match this browser’s request.');
  const response = await fetch(`${config.hostedLoginUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: config.clientId,
      code,
      redirect_uri: redirectUri(),
      code_verifier: saved.verifier,
    }),
  });
  if (!response.ok) throw new Error(`The hosted login refused the code (${response.status}).`);
  const tokens = (await response.json()) as { id_token: string; refresh_token: string; expires_in: number };
  start(tokens.id_token, tokens.refresh_token, config.clientId, tokens.expires_in);
  return saved.back === CALLBACK_PATH ? '/console/' : saved.back;
}

/** Tokens the API answered (registration, accepting an invitation) start a session the same way. */
export function start(idToken: string, refreshToken: string, clientId: string | undefined, expiresIn: number): void {
  const claims = claimsOf(idToken);
  session.value = {
    idToken,
    refreshToken,
    clientId,
    username: String(claims.username ?? claims['cognito:username'] ?? ''),
    superAdmin: claims.platformRole === 'SUPER_ADMIN',
    expiresAt: Date.now() + expiresIn * 1000,
  };
  scheduleRefresh(expiresIn);
}

function scheduleRefresh(expiresIn: number): void {
  clearTimeout(refreshTimer);
  // A minute before it expires (never sooner than 5 s from now).
  refreshTimer = setTimeout(() => void refresh(), Math.max(5, expiresIn - 60) * 1000);
}

/** A new ID token through the API; false when the session is over (then the person signs in again). */
export async function refresh(): Promise<boolean> {
  const current = session.value;
  if (!current) return false;
  const { data } = await client.POST('/api/auth/refresh', {
    body: { refreshToken: current.refreshToken, username: current.username, ...(current.clientId ? { clientId: current.clientId } : {}) },
  });
  if (!data) {
    end();
    return false;
  }
  replaceToken(data.token, data.expiresIn);
  return true;
}

/** After switching organisation (or refreshing): the same session, a new ID token. */
export function replaceToken(idToken: string, expiresIn: number): void {
  const current = session.value;
  if (!current) return;
  const claims = claimsOf(idToken);
  session.value = { ...current, idToken, superAdmin: claims.platformRole === 'SUPER_ADMIN', expiresAt: Date.now() + expiresIn * 1000 };
  scheduleRefresh(expiresIn);
}

function end(): void {
  clearTimeout(refreshTimer);
  session.value = undefined;
}

/** Ends the session at the API (its refresh token revoked), or every session with everywhere. */
export async function signOut(everywhere = false): Promise<void> {
  const current = session.value;
  if (current)
    await client.POST('/api/auth/logout', { body: { refreshToken: current.refreshToken, ...(everywhere ? { everywhere } : {}) } });
  end();
}

export interface Answer<T> {
  data: T | undefined;
  error: { type: string; detail?: string; errors?: { path: string; message: string }[] } | undefined;
  status: number;
}

/** A call that refreshes the ID token once when it is refused as expired (401), then retries. */
export async function call<T>(send: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<Answer<T>> {
  let answer = await send();
  if (answer.response.status === 401 && (await refresh())) answer = await send();
  return { data: answer.data, error: answer.error as Answer<T>['error'], status: answer.response.status };
}
