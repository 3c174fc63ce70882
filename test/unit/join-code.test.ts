import { describe, expect, it } from 'vitest';
import { isRedeemable } from '#domain/join-code';
import { type CountedOrganisation, DEFAULT_JOIN_CODE_POLICY, type Organisation, seesJoinCode } from '#domain/organisation';
import { permissionsOf } from '#domain/permissions';

const now = new Date('2026-11-27T12:00:00Z');
const organisation = (
  overrides: Partial<CountedOrganisation> = {},
  policy: Partial<Organisation['joinCode']> = {},
): CountedOrganisation => ({
  id: 'org-1',
  nom: 'Cabinet',
  nameKey: 'cabinet',
  slug: 'cabinet',
  code: '0123456789',
  status: 'ACTIVE',
  country: 'FR',
  subscriptionTier: 'free',
  maxUsers: 50,
  memberCount: 1,
  adminCount: 1,
  codeUses: 0,
  joinCode: { ...DEFAULT_JOIN_CODE_POLICY, ...policy },
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
  ...overrides,
});

describe('isRedeemable', () => {
  it('lets the current code of an ACTIVE organisation in', () => {
    expect(isRedeemable(organisation(), '0123456789', now)).toBe(true);
  });

  it('refuses another code, a disabled code and a suspended or deleting organisation', () => {
    expect(isRedeemable(organisation(), '0123456780', now)).toBe(false);
    expect(isRedeemable(organisation({}, { enabled: false }), '0123456789', now)).toBe(false);
    expect(isRedeemable(organisation({ status: 'SUSPENDED' }), '0123456789', now)).toBe(false);
    expect(isRedeemable(organisation({ status: 'DELETING' }), '0123456789', now)).toBe(false);
  });

  it('refuses a code at or past its expiry, and one whose uses reached maxUses', () => {
    expect(isRedeemable(organisation({}, { expiresAt: '2026-11-27T12:00:00.000Z' }), '0123456789', now)).toBe(false);
    expect(isRedeemable(organisation({}, { expiresAt: '2026-11-27T12:00:01.000Z' }), '0123456789', now)).toBe(true);
    expect(isRedeemable(organisation({ codeUses: 3 }, { maxUses: 3 }), '0123456789', now)).toBe(false);
    expect(isRedeemable(organisation({ codeUses: 2 }, { maxUses: 3 }), '0123456789', now)).toBe(true);
  });
});

describe('seesJoinCode (who sees the join code)', () => {
  const adminsOnly = organisation();
  const shared = organisation({}, { sharedWithMembers: true });

  it('shows it to an ACTIVE member whose role holds organisation:manage, built-in or custom', () => {
    expect(seesJoinCode({ status: 'ACTIVE', permissions: permissionsOf('ADMIN') }, adminsOnly)).toBe(true);
    expect(seesJoinCode({ status: 'ACTIVE', permissions: permissionsOf('office-manager', ['organisation:manage']) }, adminsOnly)).toBe(
      true,
    );
  });

  it('hides it from other roles and from members who are not ACTIVE, by default', () => {
    expect(seesJoinCode({ status: 'ACTIVE', permissions: permissionsOf('MEMBER') }, adminsOnly)).toBe(false);
    expect(seesJoinCode({ status: 'ACTIVE', permissions: permissionsOf('clerk', ['members:manage']) }, adminsOnly)).toBe(false);
    expect(seesJoinCode({ status: 'SUSPENDED', permissions: permissionsOf('ADMIN') }, adminsOnly)).toBe(false);
    expect(seesJoinCode({ status: 'PENDING', permissions: permissionsOf('ADMIN') }, adminsOnly)).toBe(false);
  });

  it('shows it to every ACTIVE member once the admins share it, and still to nobody who is not ACTIVE', () => {
    expect(seesJoinCode({ status: 'ACTIVE', permissions: permissionsOf('VIEWER') }, shared)).toBe(true);
    expect(seesJoinCode({ status: 'ACTIVE', permissions: permissionsOf('MEMBER') }, shared)).toBe(true);
    expect(seesJoinCode({ status: 'PENDING', permissions: permissionsOf('MEMBER') }, shared)).toBe(false);
    expect(seesJoinCode({ status: 'SUSPENDED', permissions: permissionsOf('ADMIN') }, shared)).toBe(false);
  });

  it('treats an organisation written before the policy existed as admins only', () => {
    const { sharedWithMembers: _, ...older } = DEFAULT_JOIN_CODE_POLICY;
    expect(seesJoinCode({ status: 'ACTIVE', permissions: permissionsOf('MEMBER') }, { joinCode: older })).toBe(false);
  });
});
