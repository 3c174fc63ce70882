// Opaque list cursors bound to the tenant that received them: another organisation's cursor is refused.
import { createHash } from 'node:crypto';
import { BadRequestError } from '#core/errors';
import type { TenantContext } from '#domain/tenant';

const tenantTag = (tenant: TenantContext) =>
  createHash('sha256').update(`cursor:${tenant.organisationId}`).digest('base64url').slice(0, 16);

export function encodeCursor(tenant: TenantContext, sk: string): string {
  return Buffer.from(JSON.stringify({ t: tenantTag(tenant), k: sk })).toString('base64url');
}

/** Returns the sort key to resume after; rejects cursors that are malformed, foreign or outside `prefix`. */
export function decodeCursor(tenant: TenantContext, cursor: string, prefix: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const { t, k } = (parsed ?? {}) as { t?: unknown; k?: unknown };
  if (t !== tenantTag(tenant) || typeof k !== 'string' || !k.startsWith(prefix)) {
    throw new BadRequestError('The cursor is invalid for this list.', 'invalid-cursor');
  }
  return k;
}
