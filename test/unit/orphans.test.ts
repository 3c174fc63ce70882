// What makes a Cognito user an orphan (domain/orphans.ts): no USERNAME# guard naming its sub, and older than any
// function that could still be creating it. And where the orphan clean-ups count what they find.
import { describe, expect, it } from 'vitest';
import { isOrphan, ORPHANS_FOUND, platformMetricsKey } from '#domain/orphans';

const account = { username: 'dr.martin', sub: 'sub-1', createdAt: new Date('2026-11-23T10:00:00Z') };
const at = (seconds: number) => new Date(account.createdAt.getTime() + seconds * 1000);

describe('an orphan Cognito user', () => {
  it('has no account: no guard, or a guard naming another user', () => {
    expect(isOrphan(account, undefined, at(60), 34)).toBe(true);
    expect(isOrphan(account, 'sub-other', at(60), 34)).toBe(true);
    expect(isOrphan(account, 'sub-1', at(3600), 34)).toBe(false);
  });

  it('is older than the longest timeout of a function that creates accounts (a younger one may still be committing)', () => {
    expect(isOrphan(account, undefined, at(33.9), 34)).toBe(false);
    expect(isOrphan(account, undefined, at(34), 34)).toBe(true);
  });
});

describe('the orphan counter', () => {
  it("is this month's PLATFORM#METRICS item, attribute orphansFound", () => {
    expect(platformMetricsKey(new Date('2026-11-30T23:59:59Z'))).toEqual({ pk: 'PLATFORM#METRICS', sk: 'MONTH#2026-11' });
    expect(platformMetricsKey(new Date('2026-12-01T00:00:00Z')).sk).toBe('MONTH#2026-12');
    expect(ORPHANS_FOUND).toBe('orphansFound');
  });
});
