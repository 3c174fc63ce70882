import { describe, expect, it } from 'vitest';
import { BUILT_IN_ROLES, isBuiltInRole, PERMISSIONS, permissionsOf } from '#domain/permissions';
import { builtInPermissions, roleWithin } from '#domain/role-grants';

describe('permissionsOf', () => {
  it('gives ADMIN every permission of the catalogue, MEMBER and VIEWER their fixed sets', () => {
    expect([...permissionsOf('ADMIN')].sort()).toEqual([...PERMISSIONS].sort());
    expect([...permissionsOf('MEMBER')].sort()).toEqual(['members:read', 'patients:read', 'patients:write']);
    expect([...permissionsOf('VIEWER')].sort()).toEqual(['members:read', 'patients:read']);
  });

  it("takes a custom role's permissions from its item, and none when the role has no item", () => {
    expect([...permissionsOf('paralegal', ['patients:read', 'audit:read'])].sort()).toEqual(['audit:read', 'patients:read']);
    expect(permissionsOf('deleted-role').size).toBe(0);
  });

  it('never lets a custom role named like a built-in one change the built-in set', () => {
    expect(permissionsOf('VIEWER', ['members:manage']).has('members:manage')).toBe(false);
  });

  it('tells built-in roles from custom ones, without inheriting Object.prototype names', () => {
    expect(isBuiltInRole('ADMIN')).toBe(true);
    expect(isBuiltInRole('toString')).toBe(false);
    expect(builtInPermissions('constructor')).toBeUndefined();
    expect(builtInPermissions('MEMBER')).toEqual(BUILT_IN_ROLES.MEMBER);
  });
});

describe('roleWithin (nobody grants or manages above their own permissions)', () => {
  const member = permissionsOf('MEMBER');
  it('allows a role whose permissions are a subset of the caller’s', () => {
    expect(roleWithin(member, ['patients:read'])).toBe(true);
    expect(roleWithin(member, BUILT_IN_ROLES.VIEWER)).toBe(true);
    expect(roleWithin(member, [])).toBe(true);
  });

  it('refuses a role holding any permission the caller lacks', () => {
    expect(roleWithin(member, BUILT_IN_ROLES.ADMIN)).toBe(false);
    expect(roleWithin(member, ['patients:read', 'members:manage'])).toBe(false);
    expect(roleWithin(permissionsOf('ADMIN'), BUILT_IN_ROLES.ADMIN)).toBe(true);
  });
});
