// Opaque list cursors bound to the scope that received them: another organisation's cursor (or a platform
// cursor in a tenant list, and vice versa) is refused.
import { createHash } from 'node:crypto';
import * as refusals from '#domain/refusals';
import { isOperator, type TenantContext } from '#domain/tenant';

const scopeTag = (scope: string) => createHash('sha256').update(`cursor:${scope}`).digest('base64url').slice(0, 16);

/**
 * The scope of a tenant's list cursors: its organisation; for a platform operator, that organisation on the platform
 * side, so a cursor of an organisation's own member list is refused by the platform's and vice versa.
 */
export const cursorScope = (tenant: TenantContext): string =>
  isOperator(tenant) ? `platform:org:${tenant.organisationId}` : tenant.organisationId;

export function encodeScopedCursor(scope: string, key: string): string {
  return Buffer.from(JSON.stringify({ t: scopeTag(scope), k: key })).toString('base64url');
}

/** Returns the key to resume after; rejects cursors that are malformed, of another scope, or whose key fails `valid`. */
export function decodeScopedCursor(scope: string, cursor: string, valid: (key: string) => boolean): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const { t, k } = (parsed ?? {}) as { t?: unknown; k?: unknown };
  if (t !== scopeTag(scope) || typeof k !== 'string' || !valid(k)) {
    throw refusals.invalidCursor();
  }
  return k;
}

export const encodeCursor = (tenant: TenantContext, sk: string): string => encodeScopedCursor(cursorScope(tenant), sk);

/** The sort key to resume after, which must lie within the listed item type (`prefix`). */
export const decodeCursor = (tenant: TenantContext, cursor: string, prefix: string): string =>
  decodeScopedCursor(cursorScope(tenant), cursor, (sk) => sk.startsWith(prefix));
