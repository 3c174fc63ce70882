// Custom roles of the caller's organisation: named permission sets from the catalogue, never wider than the
// caller's own permissions. Built-in roles are listed but cannot be changed; a role in use cannot be deleted.
import { nowIso } from '#core/ids';
import { BUILT_IN_ROLES, isBuiltInRole, type Permission } from '#domain/permissions';
import * as refusals from '#domain/refusals';
import type { CustomRole } from '#domain/role';
import { roleWithin } from '#domain/role-grants';
import type { TenantContext } from '#domain/tenant';
import { transactAs } from '#repositories/actor';
import { auditRecord } from '#repositories/audit';
import { GUARD } from '#repositories/guards';
import { deleteRoleItem, getCustomRole, listCustomRoles, newRoleItem, updateRoleItem } from '#repositories/roles';
import { conditionFailed } from '#repositories/transactions';
import type { Infer } from '#schemas/lazy';
import type { createRoleBody, roleView as RoleViewSchema, updateRoleBody } from '#schemas/members';

const builtInView = (name: string, permissions: readonly Permission[]) => ({ name, permissions: [...permissions], builtIn: true });

export const roleView = (role: CustomRole): Infer<typeof RoleViewSchema> => ({
  name: role.name,
  ...(role.description ? { description: role.description } : {}),
  permissions: role.permissions,
  builtIn: false,
  usageCount: role.usageCount,
  createdAt: role.createdAt,
  updatedAt: role.updatedAt,
});

function assertWithinCaller(tenant: TenantContext, permissions: readonly Permission[]): void {
  if (!roleWithin(tenant.permissions, permissions)) {
    throw refusals.roleAboveCaller();
  }
}

function refuseBuiltIn(name: string): void {
  if (isBuiltInRole(name)) {
    throw refusals.builtInRole();
  }
}

/** The custom role, provided the caller holds every permission it has (nobody manages a role above them). */
async function manageableRole(tenant: TenantContext, name: string): Promise<CustomRole> {
  refuseBuiltIn(name);
  const role = await getCustomRole(tenant, name);
  if (!role) throw refusals.roleNotFound();
  assertWithinCaller(tenant, role.permissions);
  return role;
}

export async function listRoles(tenant: TenantContext) {
  const custom = await listCustomRoles(tenant);
  return {
    items: [
      ...Object.entries(BUILT_IN_ROLES).map(([name, permissions]) => builtInView(name, permissions)),
      ...custom.sort((a, b) => a.name.localeCompare(b.name)).map(roleView),
    ],
  };
}

export async function createRole(tenant: TenantContext, input: Infer<typeof createRoleBody>) {
  assertWithinCaller(tenant, input.permissions);
  const now = nowIso();
  const role: CustomRole = {
    name: input.name,
    ...(input.description ? { description: input.description } : {}),
    permissions: input.permissions,
    usageCount: 0,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await transactAs(tenant, [
      newRoleItem(tenant, role),
      auditRecord({
        organisationId: tenant.organisationId,
        action: 'role.created',
        actorId: tenant.userId,
        target: role.name,
        details: { permissions: role.permissions },
      }),
    ]);
  } catch (error) {
    if (conditionFailed(error, GUARD.roleExists)) {
      throw refusals.roleExists({ cause: error });
    }
    throw error;
  }
  return roleView(role);
}

export async function updateRole(tenant: TenantContext, name: string, changes: Infer<typeof updateRoleBody>) {
  const current = await manageableRole(tenant, name);
  if (changes.permissions) assertWithinCaller(tenant, changes.permissions);
  // null (or an empty string) clears the description; absent keeps it.
  const description = changes.description === undefined ? current.description : changes.description || undefined;
  const next: CustomRole = {
    ...current,
    permissions: changes.permissions ?? current.permissions,
    updatedAt: nowIso(),
  };
  if (description) next.description = description;
  else delete next.description;
  try {
    await transactAs(tenant, [
      updateRoleItem(tenant, current, next),
      auditRecord({
        organisationId: tenant.organisationId,
        action: 'role.updated',
        actorId: tenant.userId,
        target: name,
        details: { from: current.permissions, to: next.permissions },
      }),
    ]);
  } catch (error) {
    if (conditionFailed(error, GUARD.roleState)) {
      throw refusals.roleChanged({ cause: error });
    }
    throw error;
  }
  return roleView(next);
}

export async function deleteRole(tenant: TenantContext, name: string): Promise<void> {
  const role = await manageableRole(tenant, name);
  if (role.usageCount > 0) throw refusals.roleInUse();
  try {
    await transactAs(tenant, [
      deleteRoleItem(tenant, name),
      auditRecord({
        organisationId: tenant.organisationId,
        action: 'role.deleted',
        actorId: tenant.userId,
        target: name,
        details: { permissions: role.permissions },
      }),
    ]);
  } catch (error) {
    if (!conditionFailed(error, GUARD.roleState)) throw error;
    // Assigned (or deleted) between the read and the write: tell which.
    if (!(await getCustomRole(tenant, name))) throw refusals.roleNotFound();
    throw refusals.roleInUse({ cause: error });
  }
}
