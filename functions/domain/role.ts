// Custom role item: ORG#<orgId> / ROLE#<name>. Built-in roles (ADMIN, MEMBER, VIEWER) have no item.
import { organisationPk } from './keys.ts';
import type { Permission } from './permissions.ts';

export interface CustomRole {
  name: string;
  description?: string;
  permissions: Permission[];
  /** Memberships holding this role, kept in the same transactions that assign or unassign it. */
  usageCount: number;
  createdAt: string;
  updatedAt: string;
}

export const ROLE_SK_PREFIX = 'ROLE#';
export const roleKey = (organisationId: string, name: string) => ({ pk: organisationPk(organisationId), sk: `${ROLE_SK_PREFIX}${name}` });

export const roleItem = (organisationId: string, role: CustomRole) => ({ ...roleKey(organisationId, role.name), type: 'Role', ...role });

export function roleFromItem(item: Record<string, unknown>): CustomRole {
  const { pk: _pk, sk: _sk, type: _type, ...role } = item;
  return role as unknown as CustomRole;
}
