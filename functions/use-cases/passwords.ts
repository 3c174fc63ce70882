// Passwords: a signed-in change, and a reset through a single-use link e-mailed to the account's proven address (or,
// for an account a platform operator created, its first password through such a link: use-cases/set-password-link.ts).
// Both end every earlier session (the same revocation as signing out everywhere, use-cases/sign-out.ts). cognito-local
// has no ForgotPassword, and the link must come from Cabinet's own mail anyway (its outbox, its templates, its
// language), so the API sets the new password itself with AdminSetUserPassword, locally and deployed alike.
import { revokeRefreshToken, setPassword, signIn, type Tokens, type TotpChallenge } from '#adapters/cognito';
import { nowIso } from '#core/ids';
import { logger } from '#core/logger';
import { normaliseEmail } from '#domain/email-verification';
import { userPk } from '#domain/keys';
import { addressProvenBy, hashResetToken, newResetToken, RESET_TOKEN_MINUTES } from '#domain/password-reset';
import type { VerifiedUser } from '#domain/principal';
import type { RateLimitRule } from '#domain/rate-limit';
import * as refusals from '#domain/refusals';
import type { User } from '#domain/user';
import { defaultLocale, newMailJob } from '#mail/delivery';
import { claimVerifiedEmail, EMAIL_GUARD, findVerifiedEmailOwner } from '#repositories/email-verification';
import { findResetToken, newResetTokenItem, releaseResetToken, useResetTokenItem } from '#repositories/password-resets';
import { consumeAttempt } from '#repositories/rate-limits';
import { ConditionFailed, transact } from '#repositories/transactions';
import { findUserIdByUsername, getUser, setProfileFields } from '#repositories/users';
import { type Client, isCredentialFailure, underSignInLimits } from './abuse-limits.ts';
import { syncCognitoEmail } from './email-verification.ts';
import { login, type SignedIn } from './session.ts';
import { revoke, signOutEverywhereInCognito } from './sign-out.ts';

/**
 * Asking for a link is limited per client and per identifier typed (the same for an existing and an unknown account,
 * so the limits reveal nothing), and links actually sent per account (silently: the answer stays the same), so nobody
 * can flood a mailbox by alternating an account's username and address. Presenting links is limited per client.
 */
export const PASSWORD_RATE_LIMITS = {
  forgotPerClient: { scope: 'forgot-password-client', limit: 10, windowSeconds: 900 },
  forgotPerIdentifier: { scope: 'forgot-password-identifier', limit: 5, windowSeconds: 3600 },
  resetMailPerAccount: { scope: 'reset-mail-account', limit: 5, windowSeconds: 3600 },
  resetPerClient: { scope: 'reset-password-client', limit: 30, windowSeconds: 900 },
} as const satisfies Record<string, RateLimitRule>;

/**
 * Checks `password` against Cognito with a throwaway sign-in (an MFA challenge also proves it: Cognito asks for the
 * code only after a correct password). It is a sign-in under the sign-in limits: refused (429) while the account or
 * the client is locked, and a wrong password counts. The throwaway's refresh token is revoked at once; its tokens never
 * leave the API. Returns its tokens (whose access token the MFA routes use) or the challenge.
 */
export function confirmPassword(user: Pick<User, 'username'>, password: string, client: Client): Promise<Tokens | TotpChallenge> {
  return underSignInLimits(user.username, client, () => signIn(user.username, password), {
    failure: isCredentialFailure,
    succeeded: (outcome) => !('challenge' in outcome),
  });
}

/** Revokes a throwaway sign-in's refresh token (it was only a proof of the password). */
export async function discard(result: Tokens | TotpChallenge): Promise<void> {
  if ('refreshToken' in result && result.refreshToken) await revokeRefreshToken(result.refreshToken);
}

/**
 * POST /api/auth/password: the current password proven, the new one set, every earlier token and session refused,
 * then a new session (or, with MFA on, the TOTP challenge to complete with POST /api/auth/login/mfa). A crash after the
 * new password is set and before the revocation answers 500; repeating the request with the new password as current
 * finishes it.
 */
export async function changePassword(
  caller: VerifiedUser,
  body: { currentPassword: string; newPassword: string },
  client: Client,
): Promise<SignedIn | TotpChallenge> {
  const user = await getUser(caller.userId);
  if (!user) throw refusals.accountNotFound();
  await discard(await confirmPassword(user, body.currentPassword, client));
  await setPassword(user.username, body.newPassword, 'newPassword');
  await revoke(user.id, { everywhere: true, set: { passwordChangedAt: nowIso() } });
  await signOutEverywhereInCognito(user.username, 'password changed');
  return login(user.username, body.newPassword, client);
}

const FORGOT_ANSWER = {
  status: 'ACCEPTED' as const,
  message: 'If an account matches, a link to choose a new password has been sent to its verified e-mail address.',
  expiresInMinutes: RESET_TOKEN_MINUTES,
};

/** The account a person names by username or by proven address (never by an address nobody proved). */
async function accountNamed(identifier: string): Promise<User | undefined> {
  const userId =
    (await findUserIdByUsername(identifier)) ?? (identifier.includes('@') ? await findVerifiedEmailOwner(identifier) : undefined);
  return userId ? getUser(userId) : undefined;
}

/**
 * POST /api/auth/forgot-password: 202 with the same body whether or not an account matches. An account with a proven
 * address gets a single-use link there (valid RESET_TOKEN_MINUTES; only its hash is stored); without one, nothing is
 * sent (an unproven address may be someone else's).
 */
export async function forgotPassword(identifier: string, client: Client): Promise<typeof FORGOT_ANSWER> {
  const limited = await consumeAttempt([
    { rule: PASSWORD_RATE_LIMITS.forgotPerClient, subject: client.sourceIp },
    { rule: PASSWORD_RATE_LIMITS.forgotPerIdentifier, subject: identifier },
  ]);
  if (!limited.allowed) throw refusals.tooManyRequests(limited.retryAfterSeconds);
  const user = await accountNamed(identifier);
  if (!user?.email || user.emailVerified !== true || user.deletingSince) return FORGOT_ANSWER;
  const perAccount = await consumeAttempt([{ rule: PASSWORD_RATE_LIMITS.resetMailPerAccount, subject: user.id }]);
  if (!perAccount.allowed) return FORGOT_ANSWER;
  const token = newResetToken();
  const now = new Date();
  const mail = newMailJob(
    {
      ownerPk: userPk(user.id),
      template: 'password-reset',
      audience: { kind: 'address', to: normaliseEmail(user.email), locale: user.locale ?? defaultLocale() },
      params: { username: user.username, validMinutes: String(RESET_TOKEN_MINUTES) },
      linkToken: token,
    },
    now,
    { queued: true },
  );
  await transact([
    newResetTokenItem(hashResetToken(token), {
      userId: user.id,
      validUntil: new Date(now.getTime() + RESET_TOKEN_MINUTES * 60_000).toISOString(),
      createdAt: now.toISOString(),
    }),
    mail.item,
  ]);
  // Answered at once: the outbox's sweeper delivers the link (within its period), so an unknown name, an account
  // without a proven address and one with answer alike — no SES call inside this request to tell them apart by time.
  return FORGOT_ANSWER;
}

/**
 * POST /api/auth/reset-password: the link's token sets a new password, once. Using the link and refusing every earlier
 * token of the person are one transaction; if Cognito then refuses the password, the link is released again.
 */
export async function resetPassword(token: string, newPassword: string, client: Client): Promise<void> {
  const limited = await consumeAttempt([{ rule: PASSWORD_RATE_LIMITS.resetPerClient, subject: client.sourceIp }]);
  if (!limited.allowed) throw refusals.tooManyRequests(limited.retryAfterSeconds);
  const tokenHash = hashResetToken(token);
  const stored = await findResetToken(tokenHash);
  if (!stored) throw refusals.resetLinkNotFound();
  if (stored.usedAt) throw refusals.resetLinkUsed();
  if (Date.parse(stored.validUntil) <= Date.now()) throw refusals.resetLinkExpired();
  const user = await getUser(stored.userId);
  if (!user) throw refusals.resetLinkNotFound();
  // A link asked for before the password last changed is void: whoever changed it meanwhile decided.
  if (user.passwordChangedAt && user.passwordChangedAt > stored.createdAt) throw refusals.resetLinkUsed();
  const usedAt = nowIso();
  // A set-password link (an account a platform operator created) also proves the address it was e-mailed to, in the
  // same transaction: the profile says verified and the EMAIL# guard makes this account its one owner. Only the
  // person changes their own address, and nobody could sign in to this account before its first password, so the
  // address read above is still the profile's.
  const proves = addressProvenBy(stored, user);
  try {
    await revoke(user.id, {
      everywhere: true,
      more: [useResetTokenItem(tokenHash, usedAt), ...(proves ? [claimVerifiedEmail(proves, user.id)] : [])],
      ...(proves ? { set: { emailVerified: true, emailVerifiedAt: usedAt } } : {}),
    });
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    if (error.has(EMAIL_GUARD.verified)) {
      // Only whoever reads this address's mail gets here: telling them the address is taken reveals nothing new.
      throw refusals.emailTaken('signInInstead', { cause: error });
    }
    const now = await findResetToken(tokenHash);
    if (now && !now.usedAt) throw refusals.resetLinkExpired({ cause: error });
    throw refusals.resetLinkUsed({ cause: error });
  }
  try {
    await setPassword(user.username, newPassword, 'newPassword');
  } catch (error) {
    // The link works again for another password; an address it proved stays proven (presenting it was the proof).
    await releaseResetToken(tokenHash, usedAt).catch((releaseError: unknown) =>
      logger.error('password reset link not released after a refused password', { error: releaseError }),
    );
    throw error;
  }
  if (proves) await syncCognitoEmail(user.username, proves, true);
  await setProfileFields(user.id, { passwordChangedAt: nowIso() });
  await signOutEverywhereInCognito(user.username, 'password reset');
}
