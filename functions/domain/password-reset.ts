// Password reset links. The token is stored only as its SHA-256, in PWRESET#<hash> / GUARD (whose, until when, used
// or not); it works once, for at most RESET_TOKEN_MINUTES, and not after a later password change. The same link sets
// the first password of an account a platform operator created (SET_PASSWORD_LINK_HOURS): that one names the address
// it was e-mailed to, which using it proves.
import { createHash, randomBytes } from 'node:crypto';
import { normaliseEmail } from './email-verification.ts';
import { ttlAt } from './ttl.ts';

export const RESET_TOKEN_MINUTES = 60;
/**
 * A set-password link (an account created by a platform operator) lasts as long as an invitation: it is the person's
 * first message from Cabinet, read whenever they next look at their mail, not a request they just made.
 */
export const SET_PASSWORD_LINK_HOURS = 72;
/** A used or expired link keeps answering 410 for a day, then TTL removes it (and it answers 404 like any unknown one). */
export const RESET_TOKEN_RETENTION_SECONDS = 24 * 3600;

export interface ResetToken {
  userId: string;
  validUntil: string;
  createdAt: string;
  usedAt?: string;
  /** The address the link was e-mailed to when using it also proves that address (a set-password link). */
  email?: string;
}

export const newResetToken = (): string => randomBytes(32).toString('base64url');
export const hashResetToken = (token: string): string => createHash('sha256').update(token).digest('hex');
export const resetTokenKey = (tokenHash: string) => ({ pk: `PWRESET#${tokenHash}`, sk: 'GUARD' });

export const resetTokenItem = (tokenHash: string, token: ResetToken) => ({
  ...resetTokenKey(tokenHash),
  type: 'PasswordResetToken',
  ...token,
  ...ttlAt(Date.parse(token.validUntil) / 1000 + RESET_TOKEN_RETENTION_SECONDS),
});

export function resetTokenFromItem(item: Record<string, unknown>): ResetToken {
  return {
    userId: String(item.userId),
    validUntil: String(item.validUntil),
    createdAt: String(item.createdAt),
    ...(typeof item.usedAt === 'string' ? { usedAt: item.usedAt } : {}),
    ...(typeof item.email === 'string' ? { email: item.email } : {}),
  };
}

/**
 * Why a presented reset link cannot set a password now, or undefined when it can: it works once, until validUntil,
 * and not once the password changed after it was asked for (whoever changed it meanwhile decided). `user`: the
 * account the link names (undefined: gone, like an unknown link).
 */
export function resetLinkRefusal(
  link: ResetToken,
  user: { passwordChangedAt?: string | undefined } | undefined,
  now: Date,
): 'reset-link-used' | 'reset-link-expired' | 'reset-link-not-found' | undefined {
  if (link.usedAt) return 'reset-link-used';
  if (Date.parse(link.validUntil) <= now.getTime()) return 'reset-link-expired';
  if (!user) return 'reset-link-not-found';
  if (user.passwordChangedAt && user.passwordChangedAt > link.createdAt) return 'reset-link-used';
  return undefined;
}

/**
 * The address a set-password link proves when it is used: the one it was e-mailed to, provided it is still the
 * account's address and not proven yet (an ordinary reset link proves nothing).
 */
export function addressProvenBy(
  link: Pick<ResetToken, 'email'>,
  user: { email?: string | undefined; emailVerified?: boolean | undefined },
): string | undefined {
  if (link.email === undefined || user.email === undefined || user.emailVerified === true) return undefined;
  return normaliseEmail(user.email) === link.email ? link.email : undefined;
}
