// The permission catalogue and the built-in roles. Endpoints check permissions, never role names.

export const PERMISSIONS = [
  'patients:read',
  'patients:write',
  'members:read',
  'members:manage',
  'organisation:manage',
  'invitations:manage',
  'join-requests:manage',
  'roles:manage',
  'audit:read',
  'support-access:manage',
  'events:read',
  'webhooks:manage',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** Permissions that manage the organisation or its people (every `…:manage`), as opposed to using its data. */
export const MANAGEMENT_PERMISSIONS = PERMISSIONS.filter((permission) => permission.endsWith(':manage'));

export const isManagementPermission = (permission: Permission): boolean => permission.endsWith(':manage');

export const BUILT_IN_ROLES = {
  ADMIN: PERMISSIONS,
  MEMBER: ['patients:read', 'patients:write', 'members:read'],
  VIEWER: ['patients:read', 'members:read'],
} as const satisfies Record<string, readonly Permission[]>;

export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

export const isBuiltInRole = (role: string): role is BuiltInRole => Object.hasOwn(BUILT_IN_ROLES, role);

export function permissionsOf(role: string, customPermissions?: readonly Permission[]): ReadonlySet<Permission> {
  if (isBuiltInRole(role)) return new Set<Permission>(BUILT_IN_ROLES[role]);
  return new Set(customPermissions ?? []);
}
