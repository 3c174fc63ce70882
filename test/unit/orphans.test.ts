// What makes a Cognito user an orphan (domain/orphans.ts): no USERNAME# guard naming its sub, and older than any
// function that could still be creating it. And where the orphan clean-ups count what they find.
import { describe, expect, it } from 'vitest';
import { isOrphan } from '#domain/orphans';

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
