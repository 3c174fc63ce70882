import { describe, expect, it } from 'vitest';
import { isRefusal, type RefusalName } from '#domain/refusals';
import { GUARD, type Guard } from '#repositories/guards';
import { membershipConflict } from '#repositories/memberships';
import { ConditionFailed } from '#repositories/transactions';

const refusalFor = (guards: Guard[]): RefusalName | undefined => {
  try {
    membershipConflict(new ConditionFailed(guards));
  } catch (error) {
    if (isRefusal(error)) return error.refusal;
    return undefined;
  }
  return undefined;
};

describe('membershipConflict (a refused membership transaction → its refusal)', () => {
  it.each([
    [GUARD.seat, 'organisation-full'],
    [GUARD.lastAdmin, 'last-admin'],
    [GUARD.role, 'unknown-role'],
    [GUARD.newMember, 'already-member'],
    [GUARD.member, 'membership-changed'],
    [GUARD.organisation, 'organisation-not-found'],
  ] as const)('maps %s to %s', (guard, refusal) => {
    expect(refusalFor([guard])).toBe(refusal);
  });

  it('names the seat before anything else when several conditions failed', () => {
    expect(refusalFor([GUARD.member, GUARD.seat])).toBe('organisation-full');
  });

  it('keeps the refused transaction as the cause, and rethrows what it does not know', () => {
    const failed = new ConditionFailed([GUARD.lastAdmin]);
    expect(() => membershipConflict(failed)).toThrow(expect.objectContaining({ refusal: 'last-admin', cause: failed }));
    const unrelated = new ConditionFailed([GUARD.invitationToken]);
    expect(() => membershipConflict(unrelated)).toThrow(unrelated);
    const other = new Error('network');
    expect(() => membershipConflict(other)).toThrow(other);
  });
});
