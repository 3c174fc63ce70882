// Custom roles of the caller's organisation: named permission sets from the catalogue, never wider than the
// caller's own permissions. Built-in roles are listed but cannot be changed; a role in use cannot be deleted.
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '#core/errors';
import { nowIso } from '#core/ids';
import { BUILT_IN_ROLES, isBuiltInRole, type Permission } from '#domain/permissions';
import type { CustomRole } from '#domain/role';
import { roleWithin } from '#domain/role-grants';
import type { TenantContext } from '#domain/tenant';
import { auditRecord } from '#repositories/audit';
import { deleteRoleItem, getCustomRole, listCustomRoles, newRoleItem, ROLE_GUARD, updateRoleItem } from '#repositories/roles';
import { transact, UniquenessConflict } from '#repositories/transactions';
import type { Infer } from '#schemas/lazy';
import type { createRoleBody, updateRoleBody } from '#schemas/members';

const builtInView = (name: string, permissions: readonly Permission[]) => ({ name, permissions: [...permissions], builtIn: true });

export const roleView = (role: CustomRole) => ({
  name: role.name,
  ...(role.description ? { description: role.description } : {}),
  permissions: role.permissions,
  builtIn: false,
  usageCount: role.usageCount,
  createdAt: role.createdAt,
  updatedAt: role.updatedAt,
});

const ROLE_NOT_FOUND = 'Role not found.';

function assertWithinCaller(tenant: TenantContext, permissions: readonly Permission[]): void {
  if (!roleWithin(tenant.permissions, permissions)) {
    throw new ForbiddenError('A role may only hold permissions you have yourself.');
  }
}

function refuseBuiltIn(name: string): void {
  if (isBuiltInRole(name)) throw new ValidationError([{ path: 'name', message: 'Built-in roles cannot be changed or deleted' }]);
}

/** The custom role, provided the caller holds every permission it has (nobody manages a role above them). */
async function manageableRole(tenant: TenantContext, name: string): Promise<CustomRole> {
  refuseBuiltIn(name);
  const role = await getCustomRole(tenant, name);
  if (!role) throw new NotFoundError(ROLE_NOT_FOUND);
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
    await transact([
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
    if (error instanceof UniquenessConflict && error.guards.includes(ROLE_GUARD.exists)) {
      throw new ConflictError('A role with this name already exists.', [{ path: 'name', message: 'Role already exists' }]);
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
    await transact([
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
    if (error instanceof UniquenessConflict && error.guards.includes(ROLE_GUARD.state)) {
      throw new ConflictError('The role changed meanwhile; reload and retry.');
    }
    throw error;
  }
  return roleView(next);
}

export async function deleteRole(tenant: TenantContext, name: string): Promise<void> {
  const role = await manageableRole(tenant, name);
  if (role.usageCount > 0) throw new ConflictError('Role in use: reassign its members first.');
  try {
    await transact([
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
    if (!(error instanceof UniquenessConflict && error.guards.includes(ROLE_GUARD.state))) throw error;
    // Assigned (or deleted) between the read and the write: tell which.
    if (!(await getCustomRole(tenant, name))) throw new NotFoundError(ROLE_NOT_FOUND);
    throw new ConflictError('Role in use: reassign its members first.');
  }
}
