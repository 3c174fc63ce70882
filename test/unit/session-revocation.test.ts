// The pure rules of session revocation (domain/session.ts): which tokens a profile's revocation fields refuse.
import { describe, expect, it } from 'vitest';
import { isRevoked, issuanceStamp, issuedAtMsOf, prunedRevocations, tokenGateOf } from '#domain/session';

const AFTER = 1_800_000_000_500; // a revocation instant, ms (…000.5 s)

describe('isRevoked', () => {
  it('refuses a token whose jti was revoked, whatever its age', () => {
    expect(isRevoked({ jti: 'a', issuedAtMs: String(AFTER + 10_000) }, { revokedTokens: { a: 1 }, mfaEnabled: false })).toBe(true);
    expect(isRevoked({ jti: 'b', issuedAtMs: String(AFTER + 10_000) }, { revokedTokens: { a: 1 }, mfaEnabled: false })).toBe(false);
  });

  it('refuses a token issued at or before tokensValidAfter, to the millisecond', () => {
    const gate = { tokensValidAfter: AFTER, mfaEnabled: false };
    expect(isRevoked({ issuedAtMs: String(AFTER), auth_time: 1_800_000_000 }, gate)).toBe(true);
    expect(isRevoked({ issuedAtMs: String(AFTER - 1), auth_time: 1_800_000_000 }, gate)).toBe(true);
    expect(isRevoked({ issuedAtMs: String(AFTER + 1), auth_time: 1_800_000_000 }, gate)).toBe(false);
  });

  it('falls back to iat (seconds) for a token without the trigger’s claim: conservative within the second', () => {
    const gate = { tokensValidAfter: AFTER, mfaEnabled: false };
    expect(isRevoked({ iat: 1_800_000_000 }, gate)).toBe(true);
    expect(isRevoked({ iat: 1_800_000_001 }, gate)).toBe(false);
    expect(issuedAtMsOf({ iat: 5 })).toBe(5000);
    expect(issuedAtMsOf({ iat: 5, issuedAtMs: '5123' })).toBe(5123);
  });

  it('refuses a token refreshed in a session authenticated before the instant (deployed Cognito keeps auth_time)', () => {
    const gate = { tokensValidAfter: AFTER, mfaEnabled: false };
    expect(isRevoked({ issuedAtMs: String(AFTER + 60_000), auth_time: 1_799_999_000 }, gate)).toBe(true);
    // cognito-local regenerates auth_time at every refresh: the check cannot fire there (docs/security.md: sessions and revocation).
    expect(isRevoked({ issuedAtMs: String(AFTER + 60_000), auth_time: 1_800_000_060 }, gate)).toBe(false);
  });

  it('refuses nothing without revocation fields', () => {
    expect(isRevoked({ jti: 'a', iat: 1 }, tokenGateOf(undefined))).toBe(false);
  });
});

describe('issuanceStamp', () => {
  it('is now, unless now is not after the revocation instant: then just after it', () => {
    expect(issuanceStamp(1000, undefined)).toBe(1000);
    expect(issuanceStamp(1000, 999)).toBe(1000);
    expect(issuanceStamp(1000, 1000)).toBe(1001);
    expect(issuanceStamp(1000, 5000)).toBe(5001);
  });
});

describe('prunedRevocations', () => {
  it('adds the new jtis and drops every expired entry', () => {
    expect(
      prunedRevocations(
        { old: 10, live: 100 },
        [
          { jti: 'new', exp: 200 },
          { jti: 'dead', exp: 5 },
        ],
        50,
      ),
    ).toEqual({ live: 100, new: 200 });
  });
});
