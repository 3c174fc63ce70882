// Signing out: one session, or every session of the person. What is refused afterwards, and where (domain/session.ts):
// - the session's refresh token: by Cognito (RevokeToken) and by the API's refresh and switch routes (the session
//   item is marked revoked), so it is refused even where Cognito would still take it;
// - the ID tokens issued through that session, as the API recorded them, and the caller's own token: their jtis join
//   the profile's revokedTokens, which every request reads within the 5 s membership window;
// - everywhere: every ID token issued until now (the profile's tokensValidAfter), every session the API recorded
//   (a refresh of a session begun before that instant is refused), and, where Cognito offers it, every refresh
//   token of the person through AdminUserGlobalSignOut (hosted-login sessions the API never saw included).
import { globalSignOut, revokeRefreshToken } from '#adapters/cognito';
import { logger } from '#core/logger';
import type { VerifiedUser } from '#domain/principal';
import * as refusals from '#domain/refusals';
import { hashRefreshToken, type IssuedToken, prunedRevocations } from '#domain/session';
import type { User } from '#domain/user';
import { GUARD } from '#repositories/guards';
import { getSession, revocationItem, revokeSessionItem } from '#repositories/sessions';
import { ConditionFailed, type NamedItem, transact } from '#repositories/transactions';
import { getUser } from '#repositories/users';

// Concurrent sign-outs of one person rewrite the same profile fields: the loser reads again and retries.
const REVOCATION_ATTEMPTS = 4;

/**
 * Writes the person's revocation fields: `tokens` join revokedTokens (expired entries pruned); with `everywhere`,
 * tokensValidAfter becomes now. `more` adds items of the same change (a session marked revoked, a reset link used)
 * and `set` other profile fields. Returns the instant everything issued until then is refused from (everywhere).
 */
export async function revoke(
  userId: string,
  change: { tokens?: IssuedToken[]; everywhere?: boolean; more?: NamedItem[]; set?: Record<string, unknown> },
): Promise<{ user: User; tokensValidAfter?: number }> {
  for (let attempt = 1; ; attempt++) {
    const user = await getUser(userId, { consistent: true });
    if (!user) throw refusals.accountNotFound();
    const nowMs = Date.now();
    // Never earlier than an instant already set (clocks of two functions may differ by a little).
    const tokensValidAfter = change.everywhere ? Math.max(nowMs, user.tokensValidAfter ?? 0) : undefined;
    try {
      await transact([
        revocationItem(user, {
          revokedTokens: prunedRevocations(user.revokedTokens, change.tokens ?? [], Math.floor(nowMs / 1000)),
          ...(tokensValidAfter !== undefined ? { tokensValidAfter } : {}),
          ...(change.set ? { set: change.set } : {}),
        }),
        ...(change.more ?? []),
      ]);
      return { user, ...(tokensValidAfter !== undefined ? { tokensValidAfter } : {}) };
    } catch (error) {
      if (!(error instanceof ConditionFailed) || !error.has(GUARD.revocation) || attempt >= REVOCATION_ATTEMPTS) throw error;
    }
  }
}

/** Every refresh token of the person, in Cognito, where Cognito can (logged where it cannot: cognito-local). */
export async function signOutEverywhereInCognito(username: string, why: string): Promise<void> {
  if ((await globalSignOut(username)) === 'unsupported') {
    logger.warn('global sign-out not supported by this Cognito: refresh tokens the API never saw stay valid in Cognito', { why });
  }
}

/** POST /api/auth/logout. */
export async function logout(caller: VerifiedUser, refreshToken: string, everywhere: boolean): Promise<void> {
  const hash = hashRefreshToken(refreshToken);
  const session = await getSession(hash);
  if (session && session.userId !== caller.userId) {
    throw refusals.refreshTokenNotYours();
  }
  // The session's tokens as recorded, and the token this request came with (a hosted-login session has no record).
  const tokens: IssuedToken[] = [
    ...(session?.idTokens ?? []),
    ...(caller.tokenId ? [{ jti: caller.tokenId, exp: caller.tokenExpiresAt }] : []),
  ];
  const { user } = await revoke(caller.userId, {
    tokens,
    everywhere,
    more: session ? [revokeSessionItem(hash, caller.userId, Date.now())] : [],
  });
  await revokeRefreshToken(refreshToken, session?.clientId ?? caller.clientId);
  if (everywhere) await signOutEverywhereInCognito(user.username, 'logout everywhere');
}
