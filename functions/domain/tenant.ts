// The verified tenant: produced only by the auth middleware from a verified token and a live membership.
import type { Permission } from './permissions.ts';

declare const verifiedBrand: unique symbol;

export interface TenantContext {
  readonly organisationId: string;
  readonly userId: string;
  readonly username: string;
  readonly role: string;
  readonly permissions: ReadonlySet<Permission>;
  readonly [verifiedBrand]: true;
}

/** Only the auth middleware calls this, after verifying the token and reading the membership. */
export function verifiedTenant(fields: Omit<TenantContext, typeof verifiedBrand>): TenantContext {
  return Object.freeze({ ...fields }) as TenantContext;
}
