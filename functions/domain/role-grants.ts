// Privilege rules: a caller may grant (or manage someone holding) a role only if that role's permissions are
// a subset of the caller's own. So nobody can raise themselves or anyone above their own level.
import type { Permission } from './permissions.ts';
import { BUILT_IN_ROLES, isBuiltInRole } from './permissions.ts';

export function roleWithin(callerPermissions: ReadonlySet<Permission>, rolePermissions: readonly Permission[]): boolean {
  return rolePermissions.every((permission) => callerPermissions.has(permission));
}

export const builtInPermissions = (role: string): readonly Permission[] | undefined =>
  isBuiltInRole(role) ? BUILT_IN_ROLES[role] : undefined;
