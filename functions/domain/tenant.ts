// The verified tenant: produced only by the auth middleware from a verified token and a live membership, or,
// for platform support access, by supportTenant() from an organisation's active support grant.
import type { Permission } from './permissions.ts';
import type { VerifiedUser } from './principal.ts';
import { isGrantActive, type SupportGrant } from './support-grant.ts';

declare const verifiedBrand: unique symbol;

export interface TenantContext {
  readonly organisationId: string;
  readonly userId: string;
  readonly username: string;
  readonly role: string;
  readonly permissions: ReadonlySet<Permission>;
  /** For a custom role: its item's updatedAt when the permissions were read (privileged writes re-check it). */
  readonly roleVersion?: string;
  readonly [verifiedBrand]: true;
}

/** Only the auth middleware calls this, after verifying the token and reading the membership. */
export function verifiedTenant(fields: Omit<TenantContext, typeof verifiedBrand>): TenantContext {
  return Object.freeze({ ...fields }) as TenantContext;
}

/** The role name a support tenant carries (never a membership role: nobody can be granted it). */
export const SUPPORT_ROLE = 'PLATFORM_SUPPORT';
/** What support access allows: reading patients, nothing else. */
export const SUPPORT_PERMISSIONS: readonly Permission[] = ['patients:read'];

/** The role name a platform operator's tenant carries (never a membership role: nobody can be granted it). */
export const OPERATOR_ROLE = 'PLATFORM_OPERATOR';
/** What a platform operator does in an organisation: its members and its settings, never its patients. */
export const OPERATOR_PERMISSIONS: readonly Permission[] = ['members:read', 'members:manage', 'organisation:manage'];

export const isOperator = (tenant: TenantContext): boolean => tenant.role === OPERATOR_ROLE;

/**
 * The third producer of a TenantContext: a platform super-admin managing an organisation (its members, its plan) from
 * the platform routes. Only the platform use cases call this, for a caller authenticateSuperAdmin verified, with an
 * organisation they read first. Its writes re-check the super-admin marker inside their transaction and are recorded
 * in the platform trail as well as the organisation's (repositories/actor.ts); it holds no patients permission, so
 * patients stay reachable only under a support grant (supportTenant).
 */
export function operatorTenant(superAdmin: VerifiedUser, organisationId: string): TenantContext {
  const fields: Omit<TenantContext, typeof verifiedBrand> = {
    organisationId,
    userId: superAdmin.userId,
    username: superAdmin.username,
    role: OPERATOR_ROLE,
    permissions: new Set(OPERATOR_PERMISSIONS),
  };
  return Object.freeze(fields) as TenantContext;
}

/**
 * The second producer of a TenantContext: a platform super-admin reading an organisation's data under that
 * organisation's support grant. Read-only (patients:read only); undefined when the grant is not active now.
 * Only the platform use cases call this, for a caller authenticateSuperAdmin verified, with the grant read
 * from the organisation's own partition (the organisation id comes from the grant, not from the request).
 */
export function supportTenant(grant: SupportGrant | undefined, superAdmin: VerifiedUser, now = new Date()): TenantContext | undefined {
  if (!isGrantActive(grant, now)) return undefined;
  const fields: Omit<TenantContext, typeof verifiedBrand> = {
    organisationId: grant.organisationId,
    userId: superAdmin.userId,
    username: superAdmin.username,
    role: SUPPORT_ROLE,
    permissions: new Set(SUPPORT_PERMISSIONS),
  };
  return Object.freeze(fields) as TenantContext;
}
