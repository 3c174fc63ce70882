// A person's sessions, one per device: listed (GET /api/auth/sessions), ended one at a time
// (DELETE /api/auth/sessions/{sessionId}), and all but the current one when MFA turns on. Ending a session is what a
// sign-out of it does (use-cases/sign-out.ts): its item marked revoked, so the API's refresh and switch refuse it, and
// its ID tokens (and, deployed, its origin_jti) in the profile's revokedTokens, refused within the 5 s window.
import { nowMs } from '#core/clock';
import { identityConfig } from '#core/identity-config';
import type { VerifiedUser } from '#domain/principal';
import * as refusals from '#domain/refusals';
import { type IssuedToken, isLive, issuedThrough, tokenGateOf, tokensOfSession } from '#domain/session';
import { listSessionsOf, revokeSessionItem, type StoredSession } from '#repositories/sessions';
import { getUser } from '#repositories/users';
import { revoke } from './sign-out.ts';

export interface DeviceSession {
  id: string;
  /** The app client it was issued to: `api` (sign-in through the API) or `web` (the hosted login). */
  appClient: 'api' | 'web';
  createdAt: string;
  lastUsedAt: string;
  userAgent: string | null;
  ipAddress: string | null;
  current: boolean;
}

/**
 * The sessions that can still mint tokens. A session recorded before sessions had ids gets one at its next refresh:
 * until then it is not listed (`named`), but ending every other session ends it too.
 */
async function liveSessionsOf(userId: string, { named }: { named: boolean }): Promise<StoredSession[]> {
  const [user, sessions] = await Promise.all([getUser(userId, { consistent: true }), listSessionsOf(userId)]);
  const gate = tokenGateOf(user);
  const now = nowMs();
  return sessions.filter(({ session }) => (!named || session.id !== undefined) && isLive(session, gate, now));
}

export function deviceSessionOf({ session }: StoredSession, currentTokenId: string | undefined): DeviceSession {
  return {
    id: session.id ?? '',
    appClient: session.clientId === identityConfig.USER_POOL_CLIENT_ID ? 'api' : 'web',
    createdAt: session.createdAt,
    lastUsedAt: session.lastUsedAt ?? session.createdAt,
    userAgent: session.userAgent ?? null,
    ipAddress: session.sourceIp ?? null,
    current: issuedThrough(session, currentTokenId),
  };
}

/** GET /api/auth/sessions: newest first. */
export async function listDeviceSessions(caller: VerifiedUser): Promise<{ items: DeviceSession[] }> {
  return { items: (await liveSessionsOf(caller.userId, { named: true })).map((stored) => deviceSessionOf(stored, caller.tokenId)) };
}

/** Ends `sessions` of the person in one revocation (the caller's own token too when one of them is current). */
async function end(caller: VerifiedUser, sessions: StoredSession[]): Promise<void> {
  if (sessions.length === 0) return;
  const now = nowMs();
  const tokens: IssuedToken[] = sessions.flatMap(({ session }) => tokensOfSession(session));
  if (caller.tokenId && sessions.some(({ session }) => issuedThrough(session, caller.tokenId))) {
    tokens.push({ jti: caller.tokenId, exp: caller.tokenExpiresAt });
  }
  await revoke(caller.userId, {
    tokens,
    more: sessions.map(({ refreshTokenHash }) => revokeSessionItem(refreshTokenHash, caller.userId, now)),
  });
}

/** DELETE /api/auth/sessions/{sessionId}: another person's session, an ended or unknown one, answers 404. */
export async function endDeviceSession(caller: VerifiedUser, sessionId: string): Promise<void> {
  const session = (await liveSessionsOf(caller.userId, { named: true })).find((stored) => stored.session.id === sessionId);
  if (!session) throw refusals.sessionNotFound();
  await end(caller, [session]);
}

/**
 * Ends the session the caller's token came through (seed 002's bodiless logout: the bearer token is all it sends),
 * or, for a token of a session the API never recorded, that token alone.
 */
export async function endCurrentSession(caller: VerifiedUser): Promise<void> {
  const current = (await liveSessionsOf(caller.userId, { named: false })).filter(({ session }) => issuedThrough(session, caller.tokenId));
  if (current.length > 0) return end(caller, current);
  if (caller.tokenId) await revoke(caller.userId, { tokens: [{ jti: caller.tokenId, exp: caller.tokenExpiresAt }] });
}

// One transaction holds the profile's revocation and at most this many sessions marked revoked.
const SESSIONS_PER_REVOCATION = 90;

/**
 * Every session of the person except the one the caller's token came through (MFA turned on: a refresh token from
 * before enrolment must not keep minting tokens). Returns how many were ended.
 */
export async function endOtherSessions(caller: VerifiedUser): Promise<number> {
  const others = (await liveSessionsOf(caller.userId, { named: false })).filter(({ session }) => !issuedThrough(session, caller.tokenId));
  for (let start = 0; start < others.length; start += SESSIONS_PER_REVOCATION) {
    await end(caller, others.slice(start, start + SESSIONS_PER_REVOCATION));
  }
  return others.length;
}
