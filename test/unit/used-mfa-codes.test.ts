// A TOTP code the API passes on is accepted once (functions/repositories/mfa-codes.ts): the marker's key and life.
import { describe, expect, it } from 'vitest';
import { USED_CODE_SECONDS, usedCodeKey } from '#repositories/mfa-codes';

describe('used TOTP code markers', () => {
  it("live under the person's partition, one per code, without the code in the key", () => {
    const key = usedCodeKey('u1', '492817');
    expect(key.pk).toBe('USER#u1');
    expect(key.sk).toMatch(/^MFA_CODE#[0-9a-f]{64}$/);
    expect(key.sk).not.toContain('492817');
    expect(usedCodeKey('u1', '492818').sk).not.toBe(key.sk);
    // The same digits are another person's to use.
    expect(usedCodeKey('u2', '492817').sk).not.toBe(key.sk);
  });

  it('outlive every step Cognito accepts a code in: its own and the one on either side (3 × 30 s)', () => {
    expect(USED_CODE_SECONDS).toBeGreaterThanOrEqual(3 * 30);
  });
});
