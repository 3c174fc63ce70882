// The role ceilings: nobody grants or manages a role above their own permissions (domain/role-grants.ts, and
// repositories/roles.ts's assertCanGrant for the built-in roles, which need no read), a join code grants no
// management permission (domain/join-code.ts), and what redeeming a code gives under the organisation's join policy.
import { describe, expect, it } from 'vitest';
import { codeMayGrant, isRedeemable, joiningBy } from '#domain/join-code';
import { type CountedOrganisation, DEFAULT_JOIN_CODE_POLICY, type Organisation } from '#domain/organisation';
import { BUILT_IN_ROLES, type BuiltInRole, MANAGEMENT_PERMISSIONS, PERMISSIONS, permissionsOf } from '#domain/permissions';
import { isRefusal } from '#domain/refusals';
import { roleWithin } from '#domain/role-grants';
import { verifiedTenant } from '#domain/tenant';
import { assertCanGrant } from '#repositories/roles';

const tenantWith = (role: BuiltInRole) =>
  verifiedTenant({ organisationId: 'org-1', userId: 'u-1', username: 'amina', role, permissions: permissionsOf(role) });

describe('who may grant which built-in role', () => {
  it.each([
    ['ADMIN', 'ADMIN', true],
    ['ADMIN', 'MEMBER', true],
    ['ADMIN', 'VIEWER', true],
    ['MEMBER', 'ADMIN', false],
    ['MEMBER', 'MEMBER', true],
    ['MEMBER', 'VIEWER', true],
    ['VIEWER', 'ADMIN', false],
    ['VIEWER', 'MEMBER', false],
    ['VIEWER', 'VIEWER', true],
  ] as const)('%s granting %s: %s', (caller, role, allowed) => {
    expect(roleWithin(permissionsOf(caller), BUILT_IN_ROLES[role])).toBe(allowed);
  });

  it('a custom role is within reach only when every one of its permissions is the caller’s', () => {
    const manager = new Set(['members:read', 'members:manage', 'patients:read'] as const);
    expect(roleWithin(manager, ['members:read', 'patients:read'])).toBe(true);
    expect(roleWithin(manager, ['members:read', 'roles:manage'])).toBe(false);
  });

  it('assertCanGrant refuses a role above the caller with 403 role-above-caller', async () => {
    const refusal = await assertCanGrant(tenantWith('MEMBER'), 'ADMIN').catch((error: unknown) => error);
    expect(isRefusal(refusal, 'role-above-caller')).toBe(true);
  });

  it('assertCanGrant lets a caller grant their own role or one below', async () => {
    await expect(assertCanGrant(tenantWith('MEMBER'), 'VIEWER')).resolves.toBeUndefined();
    await expect(assertCanGrant(tenantWith('ADMIN'), 'ADMIN')).resolves.toBeUndefined();
  });
});

describe('the join code’s ceiling', () => {
  it.each(MANAGEMENT_PERMISSIONS)('never grants a role holding %s', (permission) => {
    expect(codeMayGrant(['patients:read', permission])).toBe(false);
  });

  it('grants a role made only of permissions that use the organisation’s data', () => {
    expect(codeMayGrant(PERMISSIONS.filter((permission) => !permission.endsWith(':manage')))).toBe(true);
    expect(codeMayGrant([])).toBe(true);
  });

  it.each([
    ['ADMIN', false],
    ['MEMBER', true],
    ['VIEWER', true],
  ] as const)('built-in %s: %s', (role, allowed) => {
    expect(codeMayGrant(BUILT_IN_ROLES[role])).toBe(allowed);
  });
});

describe('the join policy', () => {
  const now = new Date('2026-12-07T10:00:00.000Z');
  const organisation = (
    policy: Partial<Organisation['joinCode']> = {},
    fields: Partial<CountedOrganisation> = {},
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
    ...fields,
  });

  it('by default a code lets anyone in at once as MEMBER', () => {
    expect(joiningBy(DEFAULT_JOIN_CODE_POLICY)).toEqual({ role: 'MEMBER', status: 'ACTIVE' });
  });

  it('a code that requires approval gives a PENDING membership with the code’s role', () => {
    expect(joiningBy({ role: 'VIEWER', requiresApproval: true })).toEqual({ role: 'VIEWER', status: 'PENDING' });
  });

  it('a code without a use limit never runs out', () => {
    expect(isRedeemable(organisation({}, { codeUses: 10_000 }), '0123456789', now)).toBe(true);
  });

  it('the last allowed use still works, the next does not', () => {
    expect(isRedeemable(organisation({ maxUses: 3 }, { codeUses: 2 }), '0123456789', now)).toBe(true);
    expect(isRedeemable(organisation({ maxUses: 3 }, { codeUses: 3 }), '0123456789', now)).toBe(false);
  });

  it('an organisation being deleted opens to no code', () => {
    expect(isRedeemable(organisation({}, { status: 'DELETING' }), '0123456789', now)).toBe(false);
  });

  it('a rotated code is the only one that works (the old one is another string)', () => {
    expect(isRedeemable(organisation({}, { code: '9999999999' }), '0123456789', now)).toBe(false);
  });
});
