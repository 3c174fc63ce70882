// Proven addresses. A verification link's token is stored only as its SHA-256, in EMAILTOKEN#<hash> / GUARD
// (which user, which address, until when, used or not); an address becomes verified only when its owner presents
// that token. EMAIL#<normalised address> / GUARD is written only then, in the same transaction, so exactly one
// account owns a proven address.
import { createHash, randomBytes } from 'node:crypto';
import { ttlAt } from './ttl.ts';

/** A verification link works for 24 hours: long enough for "I'll check my mail tomorrow morning", then it expires. */
export const VERIFICATION_TOKEN_HOURS = 24;
/** A used or expired token keeps answering 410 for a week, then TTL removes it (and it answers 404 like any unknown one). */
export const VERIFICATION_TOKEN_RETENTION_SECONDS = 7 * 24 * 3600;

export interface VerificationToken {
  userId: string;
  /** The address the link was sent to (normalised): it proves only that one. */
  email: string;
  /** ISO time after which the link answers 410. */
  validUntil: string;
  createdAt: string;
  usedAt?: string;
}

/** Addresses compare trimmed and lower-cased (the local part is case-insensitive at every provider that matters). */
export const normaliseEmail = (address: string): string => address.trim().toLowerCase();

export const newVerificationToken = (): string => randomBytes(32).toString('base64url');
export const hashVerificationToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const verificationTokenKey = (tokenHash: string) => ({ pk: `EMAILTOKEN#${tokenHash}`, sk: 'GUARD' });
export const verifiedEmailGuardKey = (email: string) => ({ pk: `EMAIL#${normaliseEmail(email)}`, sk: 'GUARD' });

export const verificationTokenItem = (tokenHash: string, token: VerificationToken) => ({
  ...verificationTokenKey(tokenHash),
  type: 'EmailVerificationToken',
  ...token,
  // The guard goes a week after the token expired.
  ...ttlAt(Date.parse(token.validUntil) / 1000 + VERIFICATION_TOKEN_RETENTION_SECONDS),
});

export function verificationTokenFromItem(item: Record<string, unknown>): VerificationToken {
  return {
    userId: String(item.userId),
    email: String(item.email),
    validUntil: String(item.validUntil),
    createdAt: String(item.createdAt),
    ...(typeof item.usedAt === 'string' ? { usedAt: item.usedAt } : {}),
  };
}

export const verifiedEmailGuardItem = (email: string, userId: string) => ({
  ...verifiedEmailGuardKey(email),
  type: 'VerifiedEmail',
  userId,
});

/**
 * Why a presented verification link proves nothing now, or undefined when it proves its address: once, until
 * validUntil, and only while that address is still the account's (a changed address supersedes the link).
 */
export function verificationLinkRefusal(
  link: VerificationToken,
  user: { email?: string | undefined } | undefined,
  now: Date,
): 'verification-link-used' | 'verification-link-expired' | 'verification-link-not-found' | 'verification-link-superseded' | undefined {
  if (link.usedAt) return 'verification-link-used';
  if (Date.parse(link.validUntil) <= now.getTime()) return 'verification-link-expired';
  if (!user) return 'verification-link-not-found';
  if (user.email === undefined || normaliseEmail(user.email) !== link.email) return 'verification-link-superseded';
  return undefined;
}
