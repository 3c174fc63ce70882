// The one-time links (domain/password-reset.ts, domain/email-verification.ts): a reset link works once, until its
// expiry, and not after a later password change; a set-password link also proves the address it was sent to; a
// verification link proves its address once, until its expiry, while that address is still the account's.
import { describe, expect, it } from 'vitest';
import { normaliseEmail, type VerificationToken, verificationLinkRefusal, verificationTokenItem } from '#domain/email-verification';
import { addressProvenBy, type ResetToken, resetLinkRefusal, resetTokenItem } from '#domain/password-reset';

const NOW = new Date('2026-12-07T10:00:00.000Z');
const reset = (fields: Partial<ResetToken> = {}): ResetToken => ({
  userId: 'u-1',
  createdAt: '2026-12-07T09:30:00.000Z',
  validUntil: '2026-12-07T10:30:00.000Z',
  ...fields,
});
const verification = (fields: Partial<VerificationToken> = {}): VerificationToken => ({
  userId: 'u-1',
  email: 'amina@example.org',
  createdAt: '2026-12-07T09:00:00.000Z',
  validUntil: '2026-12-08T09:00:00.000Z',
  ...fields,
});

describe('a password reset link', () => {
  it('works before its expiry for an account whose password did not change since', () => {
    expect(resetLinkRefusal(reset(), {}, NOW)).toBeUndefined();
    expect(resetLinkRefusal(reset(), { passwordChangedAt: '2026-12-01T00:00:00.000Z' }, NOW)).toBeUndefined();
  });

  it('works once', () => {
    expect(resetLinkRefusal(reset({ usedAt: '2026-12-07T09:45:00.000Z' }), {}, NOW)).toBe('reset-link-used');
  });

  it('expires at validUntil exactly', () => {
    expect(resetLinkRefusal(reset({ validUntil: NOW.toISOString() }), {}, NOW)).toBe('reset-link-expired');
    expect(resetLinkRefusal(reset({ validUntil: new Date(NOW.getTime() + 1).toISOString() }), {}, NOW)).toBeUndefined();
  });

  it('says used before expired (a used link stays used)', () => {
    expect(resetLinkRefusal(reset({ usedAt: '2026-12-07T09:45:00.000Z', validUntil: '2026-12-07T09:50:00.000Z' }), {}, NOW)).toBe(
      'reset-link-used',
    );
  });

  it('is void once the password changed after it was asked for', () => {
    expect(resetLinkRefusal(reset(), { passwordChangedAt: '2026-12-07T09:40:00.000Z' }, NOW)).toBe('reset-link-used');
  });

  it('of a deleted account is unknown, like any unknown link', () => {
    expect(resetLinkRefusal(reset(), undefined, NOW)).toBe('reset-link-not-found');
  });

  it('is stored by its hash and kept a day past its expiry for its 410', () => {
    const item: Record<string, unknown> = resetTokenItem('h'.repeat(64), reset());
    expect(item.pk).toBe(`PWRESET#${'h'.repeat(64)}`);
    expect(item.ttl).toBe(Date.parse(reset().validUntil) / 1000 + 24 * 3600);
  });
});

describe('a set-password link proves the address it was sent to', () => {
  it('when it is still the account’s unproven address', () => {
    expect(addressProvenBy({ email: 'amina@example.org' }, { email: 'Amina@Example.org', emailVerified: false })).toBe('amina@example.org');
  });

  it('not an ordinary reset link (it names no address)', () => {
    expect(addressProvenBy({}, { email: 'amina@example.org' })).toBeUndefined();
  });

  it('not once the account has another address', () => {
    expect(addressProvenBy({ email: 'amina@example.org' }, { email: 'other@example.org' })).toBeUndefined();
  });

  it('not an address already proven (nothing to prove) nor an account without one', () => {
    expect(addressProvenBy({ email: 'amina@example.org' }, { email: 'amina@example.org', emailVerified: true })).toBeUndefined();
    expect(addressProvenBy({ email: 'amina@example.org' }, {})).toBeUndefined();
  });
});

describe('a verification link', () => {
  it('proves its address while it is the account’s, compared normalised', () => {
    expect(verificationLinkRefusal(verification(), { email: ' Amina@Example.ORG' }, NOW)).toBeUndefined();
  });

  it('works once', () => {
    expect(verificationLinkRefusal(verification({ usedAt: '2026-12-07T09:10:00.000Z' }), { email: 'amina@example.org' }, NOW)).toBe(
      'verification-link-used',
    );
  });

  it('expires at validUntil', () => {
    expect(verificationLinkRefusal(verification({ validUntil: NOW.toISOString() }), { email: 'amina@example.org' }, NOW)).toBe(
      'verification-link-expired',
    );
  });

  it('is superseded once the account changed or dropped its address', () => {
    expect(verificationLinkRefusal(verification(), { email: 'new@example.org' }, NOW)).toBe('verification-link-superseded');
    expect(verificationLinkRefusal(verification(), {}, NOW)).toBe('verification-link-superseded');
  });

  it('of a deleted account is unknown', () => {
    expect(verificationLinkRefusal(verification(), undefined, NOW)).toBe('verification-link-not-found');
  });

  it('is kept a week past its expiry, then TTL removes it', () => {
    expect((verificationTokenItem('x', verification()) as Record<string, unknown>).ttl).toBe(
      Date.parse(verification().validUntil) / 1000 + 7 * 24 * 3600,
    );
  });

  it('compares addresses trimmed and lower-cased', () => {
    expect(normaliseEmail('  Claire.Durand@Example.ORG ')).toBe('claire.durand@example.org');
  });
});
