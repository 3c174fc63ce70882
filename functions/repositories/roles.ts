// Role lookups for grants: built-in roles from the catalogue, custom roles from ORG#<org> / ROLE#<name>.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, TABLE } from '#adapters/dynamodb';
import { ForbiddenError, ValidationError } from '#core/errors';
import type { Permission } from '#domain/permissions';
import { roleFromItem, roleKey, type CustomRole } from '#domain/role';
import { builtInPermissions, roleWithin } from '#domain/role-grants';
import type { TenantContext } from '#domain/tenant';

export async function getCustomRole(tenant: TenantContext, name: string): Promise<CustomRole | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: roleKey(tenant.organisationId, name) }));
  return Item ? roleFromItem(Item) : undefined;
}

/** The permissions of a role in the tenant's organisation; 400 (field `path`) when no such role exists. */
export async function rolePermissions(tenant: TenantContext, role: string, path = 'role'): Promise<readonly Permission[]> {
  const builtIn = builtInPermissions(role);
  if (builtIn) return builtIn;
  const custom = await getCustomRole(tenant, role);
  if (!custom) throw new ValidationError([{ path, message: `Unknown role: ${role}` }]);
  return custom.permissions;
}

/** Refuses (403) a role the caller could not hold themselves: no privilege escalation through a request body. */
export async function assertCanGrant(tenant: TenantContext, role: string, path = 'role'): Promise<void> {
  const permissions = await rolePermissions(tenant, role, path);
  if (!roleWithin(tenant.permissions, permissions)) {
    throw new ForbiddenError(`You cannot grant the role ${role}: it has permissions you do not have.`);
  }
}
