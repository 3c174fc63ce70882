// Sessions and their revocation. Cognito cannot revoke an ID token, and cognito-local has no global sign-out, so
// the API keeps what it needs to refuse tokens itself, the same way locally and deployed:
// - every session the API issues (sign-in, its MFA step, registration, refresh, switch…) is a SESSION#<sha256 of the
//   refresh token> item holding the jti and expiry of every ID token issued through it;
// - the pre-token trigger stamps every ID token with `issuedAtMs`, its issuance in milliseconds (never at or before the
//   profile's tokensValidAfter, so a token issued right after a revocation is never caught by it);
// - signing a session out copies its live jtis to the profile's revokedTokens; signing out everywhere, changing or
//   resetting the password sets the profile's tokensValidAfter; the auth middleware reads the profile in the same
//   cached BatchGetItem as the membership, so a revoked token is refused within the 5 s window.
import { createHash } from 'node:crypto';
import type { User } from './user.ts';

/** The refresh token's lifetime (lib/stateful-stack.ts TOKEN_VALIDITY): a session item is kept one day longer. */
export const SESSION_RETENTION_DAYS = 31;

export interface IssuedToken {
  jti: string;
  /** Epoch seconds. */
  exp: number;
}

export interface Session {
  userId: string;
  /** The app client that issued the refresh token (the api client, or the web client for a hosted login). */
  clientId: string;
  /** The Cognito username the session signs in as (the api client's secret hash needs it); older records lack it. */
  username?: string;
  createdAt: string;
  /** Epoch ms: a session created at or before the profile's tokensValidAfter is revoked. */
  createdAtMs: number;
  /** ID tokens issued through this session, as the API saw them. */
  idTokens: IssuedToken[];
  revokedAt?: string;
  /** The opaque id a person names the session by (GET/DELETE /api/auth/sessions): neither the token nor its hash. */
  id?: string;
  lastUsedAt?: string;
  /** The device it began from, as its first request told (User-Agent, truncated) and API Gateway saw (source IP). */
  userAgent?: string;
  sourceIp?: string;
  /**
   * Deployed Cognito's `origin_jti`, the same on every ID token of one session (refreshes included, even at Cognito
   * directly): ending the session revokes it, so tokens it mints later without the API are refused too.
   */
  originJti?: string;
}

/** Only the hash of a refresh token is stored, never the token. */
export const hashRefreshToken = (refreshToken: string): string => createHash('sha256').update(refreshToken).digest('hex');

export const sessionKey = (refreshTokenHash: string) => ({ pk: `SESSION#${refreshTokenHash}`, sk: 'SESSION' });
/** A person's sessions sit in GSI1 under USER#<id>, sorted by creation (their memberships use ORG#…). */
export const SESSION_GSI1SK_PREFIX = 'SESSION#';

export function sessionFromItem(item: Record<string, unknown>): Session {
  return {
    userId: String(item.userId),
    clientId: String(item.clientId),
    ...(typeof item.username === 'string' ? { username: item.username } : {}),
    createdAt: String(item.createdAt),
    createdAtMs: Number(item.createdAtMs),
    idTokens: Array.isArray(item.idTokens) ? (item.idTokens as IssuedToken[]) : [],
    ...(typeof item.revokedAt === 'string' ? { revokedAt: item.revokedAt } : {}),
    ...(typeof item.sessionId === 'string' ? { id: item.sessionId } : {}),
    ...(typeof item.lastUsedAt === 'string' ? { lastUsedAt: item.lastUsedAt } : {}),
    ...(typeof item.userAgent === 'string' ? { userAgent: item.userAgent } : {}),
    ...(typeof item.sourceIp === 'string' ? { sourceIp: item.sourceIp } : {}),
    ...(typeof item.originJti === 'string' ? { originJti: item.originJti } : {}),
  };
}

/** A User-Agent is kept to this many characters: enough to tell devices apart, bounded whatever a client sends. */
export const USER_AGENT_MAX = 256;

/** The device a session begins from, as stored: the User-Agent truncated, the source address as API Gateway saw it. */
export function deviceOf(client: { sourceIp: string; userAgent?: string | undefined } | undefined): {
  userAgent?: string;
  sourceIp?: string;
} {
  if (!client) return {};
  const userAgent = client.userAgent?.trim().slice(0, USER_AGENT_MAX);
  return { sourceIp: client.sourceIp, ...(userAgent ? { userAgent } : {}) };
}

/** The refresh token's lifetime in ms (30 days: lib/stateful-stack.ts TOKEN_VALIDITY). */
const REFRESH_LIFETIME_MS = (SESSION_RETENTION_DAYS - 1) * 86_400_000;

/**
 * Whether a recorded session can still mint tokens: not signed out, begun after the profile's tokensValidAfter (no
 * sign-out everywhere or password change since), and its refresh token not yet expired.
 */
export function isLive(session: Session, gate: Pick<TokenGate, 'tokensValidAfter'>, nowMs: number): boolean {
  if (session.revokedAt) return false;
  if (gate.tokensValidAfter !== undefined && session.createdAtMs <= gate.tokensValidAfter) return false;
  return session.createdAtMs + REFRESH_LIFETIME_MS > nowMs;
}

/** Whether the ID token `jti` was issued through this session: the one a request comes with is its `current`. */
export const issuedThrough = (session: Session, jti: string | undefined): boolean =>
  jti !== undefined && session.idTokens.some((token) => token.jti === jti);

/**
 * What ending a session adds to the profile's revokedTokens: its live ID tokens and, deployed, its origin_jti (kept
 * as long as the session could refresh), so nothing it issued or will issue is accepted.
 */
export function tokensOfSession(session: Session): IssuedToken[] {
  const originExp = Math.floor((session.createdAtMs + REFRESH_LIFETIME_MS) / 1000);
  return [...session.idTokens, ...(session.originJti ? [{ jti: originKey(session.originJti), exp: originExp }] : [])];
}

/** The revokedTokens entry of a session's origin_jti (prefixed: an origin id and a token id never collide). */
export const originKey = (originJti: string): string => `origin:${originJti}`;

/** What the auth middleware needs of a profile to refuse revoked tokens and to apply an organisation's MFA rule. */
export interface TokenGate {
  tokensValidAfter?: number;
  revokedTokens?: Record<string, number>;
  mfaEnabled: boolean;
}

export const tokenGateOf = (user: Pick<User, 'tokensValidAfter' | 'revokedTokens' | 'mfaEnabled'> | undefined): TokenGate => ({
  ...(typeof user?.tokensValidAfter === 'number' ? { tokensValidAfter: user.tokensValidAfter } : {}),
  ...(user?.revokedTokens ? { revokedTokens: user.revokedTokens } : {}),
  mfaEnabled: user?.mfaEnabled === true,
});

/** The claims revocation looks at (all set by Cognito, except issuedAtMs, set by the pre-token trigger). */
export interface IssuanceClaims {
  jti?: string;
  iat?: number;
  auth_time?: number;
  issuedAtMs?: string | number;
  /** Deployed Cognito's session id, the same across refreshes (absent in cognito-local). */
  origin_jti?: string;
}

/** When the token was issued, in ms: the trigger's precise claim, or Cognito's iat (seconds) for older tokens. */
export const issuedAtMsOf = (claims: IssuanceClaims): number => {
  const precise = Number(claims.issuedAtMs);
  return Number.isFinite(precise) && precise > 0 ? precise : (claims.iat ?? 0) * 1000;
};

/**
 * Whether the gate refuses a token with these claims. A token is refused when its jti was revoked, or when it was
 * issued at or before tokensValidAfter. Deployed, Cognito keeps auth_time for the whole session across refreshes, so a
 * session signed in before tokensValidAfter is refused too, even through a refresh that never passed through the
 * API; cognito-local regenerates auth_time at every refresh, so there that second check never fires (docs/security.md: sessions and revocation).
 */
export function isRevoked(claims: IssuanceClaims, gate: TokenGate): boolean {
  if (claims.jti && gate.revokedTokens?.[claims.jti] !== undefined) return true;
  if (claims.origin_jti && gate.revokedTokens?.[originKey(claims.origin_jti)] !== undefined) return true;
  const after = gate.tokensValidAfter;
  if (after === undefined) return false;
  if (issuedAtMsOf(claims) <= after) return true;
  return typeof claims.auth_time === 'number' && claims.auth_time < Math.floor(after / 1000);
}

/** The profile's revoked tokens once `added` are in and every entry past its expiry is gone. */
export function prunedRevocations(
  current: Record<string, number> | undefined,
  added: IssuedToken[],
  nowSeconds: number,
): Record<string, number> {
  const next: Record<string, number> = {};
  for (const [jti, exp] of Object.entries(current ?? {})) if (exp > nowSeconds) next[jti] = exp;
  for (const { jti, exp } of added) if (exp > nowSeconds) next[jti] = exp;
  return next;
}

/** The issuance claim for a token issued now: strictly after the revocation instant, whatever the clocks say. */
export const issuanceStamp = (nowMs: number, tokensValidAfter: number | undefined): number =>
  tokensValidAfter !== undefined && nowMs <= tokensValidAfter ? tokensValidAfter + 1 : nowMs;
