// The one rule for acting with a membership's permissions (functions/domain/acting.ts), without the stack.
import { describe, expect, it } from 'vitest';
import { acting, actingOrRefuse, standingIn } from '#domain/acting';
import { seesJoinCode, seesOrganisationRecord } from '#domain/organisation';
import type { Permission } from '#domain/permissions';
import { Refusal } from '#domain/refusals';

const MANAGE = new Set<Permission>(['organisation:manage']);
const code = { joinCode: { sharedWithMembers: false } } as never;

describe('acting', () => {
  it('lets an ACTIVE member act with their permissions when the organisation does not require MFA', () => {
    expect(acting(standingIn({}, { mfaEnabled: false }, 'ACTIVE', MANAGE))).toEqual({ may: true, permissions: MANAGE });
  });

  it('lets an ACTIVE member with MFA on act in an organisation that requires it', () => {
    expect(acting(standingIn({ mfaRequired: true }, { mfaEnabled: true }, 'ACTIVE', MANAGE)).may).toBe(true);
  });

  it('gives no permissions to a member without the MFA the organisation requires', () => {
    const outcome = acting(standingIn({ mfaRequired: true }, { mfaEnabled: false }, 'ACTIVE', MANAGE));
    expect(outcome).toMatchObject({ may: false, reason: 'mfa-required' });
    expect(outcome.permissions.size).toBe(0);
  });

  it('treats an unknown profile as MFA off', () => {
    expect(acting(standingIn({ mfaRequired: true }, undefined, 'ACTIVE', MANAGE)).may).toBe(false);
  });

  it.each(['PENDING', 'SUSPENDED'] as const)('gives no permissions to a %s membership', (status) => {
    expect(acting(standingIn({}, { mfaEnabled: true }, status, MANAGE))).toMatchObject({ may: false, reason: 'membership-inactive' });
  });

  it('refuses with 403 mfa-required or 401 membership-inactive', () => {
    const mfa = () => actingOrRefuse(standingIn({ mfaRequired: true }, { mfaEnabled: false }, 'ACTIVE', MANAGE));
    const inactive = () => actingOrRefuse(standingIn({}, { mfaEnabled: true }, 'SUSPENDED', MANAGE));
    expect(mfa).toThrow(Refusal);
    expect(mfa).toThrow(expect.objectContaining({ refusal: 'mfa-required' }) as never);
    expect(inactive).toThrow(expect.objectContaining({ refusal: 'membership-inactive' }) as never);
  });
});

describe('what the rule reveals', () => {
  it('shows the join code to a manager with MFA where required, never to one without', () => {
    expect(seesJoinCode(standingIn({ mfaRequired: true }, { mfaEnabled: true }, 'ACTIVE', MANAGE), code)).toBe(true);
    expect(seesJoinCode(standingIn({ mfaRequired: true }, { mfaEnabled: false }, 'ACTIVE', MANAGE), code)).toBe(false);
  });

  it('shows a code shared with members only to members who may act', () => {
    const shared = { joinCode: { sharedWithMembers: true } } as never;
    expect(seesJoinCode(standingIn({}, {}, 'ACTIVE', new Set()), shared)).toBe(true);
    expect(seesJoinCode(standingIn({ mfaRequired: true }, {}, 'ACTIVE', new Set()), shared)).toBe(false);
  });

  it('shows the organisation record only to members who may act', () => {
    expect(seesOrganisationRecord(standingIn({}, {}, 'ACTIVE', new Set()))).toBe(true);
    expect(seesOrganisationRecord(standingIn({ mfaRequired: true }, {}, 'ACTIVE', new Set()))).toBe(false);
  });
});
