// The arithmetic of the sign-in back-off and the fixed windows (functions/domain/rate-limit.ts).
import { describe, expect, it } from 'vitest';
import { type BackoffRule, lockSeconds, secondsLocked, secondsUntil, windowOf } from '#domain/rate-limit';

const rule: BackoffRule = { scope: 'sign-in-account', freeFailures: 5, baseSeconds: 15, maxSeconds: 900, windowSeconds: 3600 };

describe('lockSeconds', () => {
  it('costs nothing for the free failures, then doubles from the base up to the maximum', () => {
    expect([1, 2, 3, 4, 5].map((failures) => lockSeconds(rule, failures))).toEqual([0, 0, 0, 0, 0]);
    expect([6, 7, 8, 9, 10, 11, 12, 40].map((failures) => lockSeconds(rule, failures))).toEqual([15, 30, 60, 120, 240, 480, 900, 900]);
  });
});

describe('secondsLocked', () => {
  it('counts the lock from the last failure, in whole seconds, and is 0 once it is over or without failures', () => {
    const lastFailureAt = 1_800_000_000;
    expect(secondsLocked(rule, undefined, lastFailureAt * 1000)).toBe(0);
    expect(secondsLocked(rule, { failures: 5, lastFailureAt }, lastFailureAt * 1000)).toBe(0);
    expect(secondsLocked(rule, { failures: 6, lastFailureAt }, lastFailureAt * 1000 + 200)).toBe(15);
    expect(secondsLocked(rule, { failures: 7, lastFailureAt }, (lastFailureAt + 10) * 1000)).toBe(20);
    expect(secondsLocked(rule, { failures: 7, lastFailureAt }, (lastFailureAt + 30) * 1000)).toBe(0);
  });
});

describe('fixed windows', () => {
  it('start at a multiple of the window and answer at least one second of Retry-After', () => {
    const limit = { scope: 'join-code', limit: 20, windowSeconds: 900 };
    const window = windowOf(limit, 1_800_000_123_456);
    expect(window.start % 900).toBe(0);
    expect(window.end - window.start).toBe(900);
    expect(secondsUntil(window, window.end * 1000 - 1)).toBe(1);
    expect(secondsUntil(window, window.start * 1000)).toBe(900);
  });
});
