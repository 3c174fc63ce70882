// Addresses that are proven. Registering with an address (or being given one) sends a single-use link valid
// VERIFICATION_TOKEN_HOURS; presenting its token proves the address: the profile says emailVerified, Cognito's
// email_verified becomes true, and the EMAIL#<address> guard makes this account its one owner. Nothing else ever
// marks an address verified, except accepting an invitation as a new account (the link was delivered there).
import { setEmailAttributes } from '#adapters/cognito';
import { nowIso } from '#core/ids';
import { logger } from '#core/logger';
import { hashVerificationToken, newVerificationToken, normaliseEmail, VERIFICATION_TOKEN_HOURS } from '#domain/email-verification';
import { userPk } from '#domain/keys';
import type { MailJob } from '#domain/mail';
import type { VerifiedUser } from '#domain/principal';
import type { RateLimitRule } from '#domain/rate-limit';
import * as refusals from '#domain/refusals';
import type { User } from '#domain/user';
import { defaultLocale, deliverNow, newMailJob } from '#mail/delivery';
import {
  confirmEmailItems,
  EMAIL_GUARD,
  expectUnverifiedEmail,
  findVerificationToken,
  releaseVerifiedEmail,
  setProfileEmailItem,
  verificationTokenWrite,
} from '#repositories/email-verification';
import { consumeAttempt } from '#repositories/rate-limits';
import { ConditionFailed, conditionFailed, type NamedItem, transact } from '#repositories/transactions';
import { getUser } from '#repositories/users';

/**
 * Verification is public (the link is opened from a mailbox), so presenting tokens is limited per client; asking
 * for another link is limited per account and per address, so nobody can flood an address with links.
 */
export const VERIFICATION_RATE_LIMITS = {
  verifyPerClient: { scope: 'verify-email-client', limit: 30, windowSeconds: 900 },
  resendPerUser: { scope: 'verify-email-resend-user', limit: 5, windowSeconds: 3600 },
  resendPerAddress: { scope: 'verify-email-resend-address', limit: 10, windowSeconds: 86_400 },
} as const satisfies Record<string, RateLimitRule>;

/**
 * The items that send `user` a verification link for `email`: the token's guard (only its hash is stored) and the
 * mail job. The caller adds them to the transaction that sets the address, then calls deliverNow([job]).
 */
export function verificationMail(
  user: Pick<User, 'id' | 'username' | 'locale'>,
  email: string,
  now = new Date(),
): { items: NamedItem[]; job: MailJob } {
  const token = newVerificationToken();
  const address = normaliseEmail(email);
  const guard = verificationTokenWrite(hashVerificationToken(token), {
    userId: user.id,
    email: address,
    validUntil: new Date(now.getTime() + VERIFICATION_TOKEN_HOURS * 3_600_000).toISOString(),
    createdAt: now.toISOString(),
  });
  const { job, item } = newMailJob(
    {
      ownerPk: userPk(user.id),
      template: 'verify-email',
      audience: { kind: 'address', to: address, locale: user.locale ?? defaultLocale() },
      params: { username: user.username, validHours: String(VERIFICATION_TOKEN_HOURS) },
      linkToken: token,
    },
    now,
  );
  return { items: [guard, item], job };
}

export interface Client {
  sourceIp: string;
}

/** POST /api/auth/verify-email: the token proves the address it was sent to. */
export async function verifyEmail(token: string, client: Client): Promise<{ email: string; emailVerified: true }> {
  const limited = await consumeAttempt([{ rule: VERIFICATION_RATE_LIMITS.verifyPerClient, subject: client.sourceIp }]);
  if (!limited.allowed) throw refusals.tooManyRequests(limited.retryAfterSeconds);
  const tokenHash = hashVerificationToken(token);
  const stored = await findVerificationToken(tokenHash);
  if (!stored) throw refusals.verificationLinkNotFound();
  if (stored.usedAt) throw refusals.verificationLinkUsed();
  if (Date.parse(stored.validUntil) <= Date.now()) throw refusals.verificationLinkExpired();
  const user = await getUser(stored.userId);
  if (!user) throw refusals.verificationLinkNotFound();
  if (user.email === undefined || normaliseEmail(user.email) !== stored.email) {
    throw refusals.verificationLinkSuperseded();
  }
  try {
    await transact(confirmEmailItems(tokenHash, stored, nowIso()));
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    if (error.has(EMAIL_GUARD.verified)) {
      // Only whoever reads this address's mail gets here: telling them the address is taken reveals nothing new.
      throw refusals.emailTaken('verifiedElsewhere', { cause: error });
    }
    if (error.has(EMAIL_GUARD.profile)) throw refusals.verificationLinkSuperseded();
    throw refusals.verificationLinkUsed('usedOrExpired', { cause: error });
  }
  await syncCognitoEmail(user.username, stored.email, true);
  return { email: stored.email, emailVerified: true };
}

/**
 * Cognito's copy of the address follows DynamoDB's, which is the source of truth (the API reads only DynamoDB). If
 * Cognito cannot be updated the proof still stands; Cognito keeps email_verified false, the safe side (it then
 * sends none of its own mail there), and the failure is logged for the reconciliation job.
 */
export async function syncCognitoEmail(username: string, email: string, verified: boolean): Promise<void> {
  try {
    await setEmailAttributes(username, { address: email, verified });
  } catch (error) {
    logger.error('cognito email attributes not updated', { username, verified, error });
  }
}

/** POST /api/auth/verify-email/resend: another link to the signed-in account's address, if it still needs proof. */
export async function resendVerification(caller: VerifiedUser): Promise<{ email: string; expiresInHours: number }> {
  const user = await getUser(caller.userId);
  if (!user) throw refusals.accountNotFound();
  if (!user.email) throw refusals.noEmailAddress();
  if (user.emailVerified) throw refusals.emailAlreadyVerified();
  const email = normaliseEmail(user.email);
  const limited = await consumeAttempt([
    { rule: VERIFICATION_RATE_LIMITS.resendPerUser, subject: user.id },
    { rule: VERIFICATION_RATE_LIMITS.resendPerAddress, subject: email },
  ]);
  if (!limited.allowed) throw refusals.tooManyRequests(limited.retryAfterSeconds);
  const { items, job } = verificationMail(user, email);
  try {
    await transact([expectUnverifiedEmail(user.id, user.email), ...items]);
  } catch (error) {
    if (conditionFailed(error, EMAIL_GUARD.profile)) {
      throw refusals.emailChanged('changedOrVerified');
    }
    throw error;
  }
  await deliverNow([job]);
  return { email, expiresInHours: VERIFICATION_TOKEN_HOURS };
}

/**
 * Changing the address starts over (for the profile route): the new address is unverified and gets its own link,
 * the old one's EMAIL# guard is released in the same transaction (the address is free again), earlier links stop
 * working (they prove the old address), and Cognito's copy follows. `email: null` removes the address.
 */
export async function changeEmailAddress(userId: string, email: string | null): Promise<{ email: string | null; emailVerified: boolean }> {
  const user = await getUser(userId);
  if (!user) throw refusals.accountNotFound();
  const next = email === null ? null : normaliseEmail(email);
  const current = user.email === undefined ? undefined : normaliseEmail(user.email);
  if (next === (current ?? null)) return { email: next, emailVerified: user.emailVerified === true };
  const items: NamedItem[] = [setProfileEmailItem(user.id, user.email, next, nowIso())];
  if (current && user.emailVerified) items.push(releaseVerifiedEmail(current, user.id));
  const mail = next ? verificationMail(user, next) : undefined;
  if (mail) items.push(...mail.items);
  try {
    await transact(items);
  } catch (error) {
    if (conditionFailed(error, EMAIL_GUARD.profile)) {
      throw refusals.emailChanged();
    }
    throw error;
  }
  // With no address left, Cognito keeps the old one marked unverified: it sends nothing there any more.
  const cognitoAddress = next ?? current;
  if (cognitoAddress) await syncCognitoEmail(user.username, cognitoAddress, false);
  if (mail) await deliverNow([mail.job]);
  return { email: next, emailVerified: false };
}
