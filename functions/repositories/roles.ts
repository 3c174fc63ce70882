// Role lookups for grants: built-in roles from the catalogue, custom roles from ORG#<org> / ROLE#<name>.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, queryAll, TABLE } from '#adapters/dynamodb';
import { organisationPk } from '#domain/keys';
import { isBuiltInRole, type Permission, permissionsOf } from '#domain/permissions';
import * as refusals from '#domain/refusals';
import { type CustomRole, ROLE_SK_PREFIX, roleFromItem, roleItem, roleKey } from '#domain/role';
import { builtInPermissions, roleWithin } from '#domain/role-grants';
import type { TenantContext } from '#domain/tenant';
import { GUARD } from './guards.ts';
import { type NamedItem, putNew } from './transactions.ts';

export async function getCustomRole(tenant: TenantContext, name: string): Promise<CustomRole | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: roleKey(tenant.organisationId, name) }));
  return Item ? roleFromItem(Item) : undefined;
}

/** The permissions of a role in the tenant's organisation; 400 (field `path`) when no such role exists. */
export async function rolePermissions(tenant: TenantContext, role: string, path = 'role'): Promise<readonly Permission[]> {
  const permissions = await findRolePermissions(tenant, role);
  if (!permissions) throw refusals.unknownRole(role, path);
  return permissions;
}

/** Refuses (403) a role the caller could not hold themselves: no privilege escalation through a request body. */
export async function assertCanGrant(tenant: TenantContext, role: string, path = 'role'): Promise<void> {
  const permissions = await rolePermissions(tenant, role, path);
  if (!roleWithin(tenant.permissions, permissions)) {
    throw refusals.roleAboveCaller(role);
  }
}

/** The permissions of a role, or undefined when no such role exists (for judging an existing member's role). */
export async function findRolePermissions(tenant: TenantContext, role: string): Promise<readonly Permission[] | undefined> {
  return builtInPermissions(role) ?? (await getCustomRole(tenant, role))?.permissions;
}

/**
 * The permissions `role` gives in an organisation: built-in ones from the catalogue, a custom one's from its item
 * (none once it is deleted). For sessions answered right after a join, where no TenantContext exists yet.
 */
export async function permissionsIn(organisationId: string, role: string): Promise<ReadonlySet<Permission>> {
  if (isBuiltInRole(role)) return permissionsOf(role);
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: roleKey(organisationId, role) }));
  return permissionsOf(role, Item ? roleFromItem(Item).permissions : []);
}

/** Every custom role of the tenant's organisation (a handful per organisation: read in full, page by page). */
export async function listCustomRoles(tenant: TenantContext): Promise<CustomRole[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': organisationPk(tenant.organisationId), ':prefix': ROLE_SK_PREFIX },
  });
  return items.map(roleFromItem);
}

export const newRoleItem = (tenant: TenantContext, role: CustomRole): NamedItem => ({
  item: putNew(TABLE, roleItem(tenant.organisationId, role)),
  guard: GUARD.roleExists,
});

/** A custom role an organisation is created with, written in the transaction that creates it (no tenant yet). */
export const foundingRoleItem = (organisationId: string, role: CustomRole): NamedItem => ({
  item: putNew(TABLE, roleItem(organisationId, role)),
  guard: GUARD.roleExists,
});

/** Rewrites a role's permissions/description, provided nobody changed it since `current` was read. */
export function updateRoleItem(
  tenant: TenantContext,
  current: CustomRole,
  next: Pick<CustomRole, 'permissions' | 'description' | 'updatedAt'>,
): NamedItem {
  const values: Record<string, unknown> = { ':permissions': next.permissions, ':now': next.updatedAt, ':seen': current.updatedAt };
  if (next.description !== undefined) values[':description'] = next.description;
  return {
    item: {
      Update: {
        TableName: TABLE,
        Key: roleKey(tenant.organisationId, current.name),
        UpdateExpression:
          `SET #permissions = :permissions, updatedAt = :now` +
          (next.description !== undefined ? ', description = :description' : ' REMOVE description'),
        ConditionExpression: 'attribute_exists(pk) AND updatedAt = :seen',
        ExpressionAttributeNames: { '#permissions': 'permissions' },
        ExpressionAttributeValues: values,
      },
    },
    guard: GUARD.roleState,
  };
}

/** Deletes a role nobody holds: the usageCount condition races safely with any assignment of the role. */
export const deleteRoleItem = (tenant: TenantContext, name: string): NamedItem => ({
  item: {
    Delete: {
      TableName: TABLE,
      Key: roleKey(tenant.organisationId, name),
      ConditionExpression: 'attribute_exists(pk) AND usageCount = :zero',
      ExpressionAttributeValues: { ':zero': 0 },
    },
  },
  guard: GUARD.roleState,
});
