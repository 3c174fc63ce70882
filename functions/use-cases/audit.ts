// The audit trail as the API shows it: newest first, paginated with tenant-bound cursors.
import type { AuditEntry } from '#domain/audit';
import type { TenantContext } from '#domain/tenant';
import { type AuditPeriod, listAudit } from '#repositories/audit';
import type { Infer } from '#schemas/lazy';
import type { auditListResponse } from '#schemas/organisations';

/** What an answer shows of an audit entry (the platform's trail adds the entry's organisation: platform.ts). */
export const auditView = (entry: AuditEntry): Infer<typeof auditListResponse>['items'][number] => ({
  id: entry.id,
  action: entry.action,
  actorId: entry.actorId,
  ...(entry.target !== undefined ? { target: entry.target } : {}),
  ...(entry.details !== undefined ? { details: entry.details } : {}),
  at: entry.at,
});

export async function listAuditTrail(tenant: TenantContext, query: { limit: number; cursor?: string | undefined } & AuditPeriod) {
  const { items, nextCursor } = await listAudit(tenant, query, query);
  return { items: items.map(auditView), nextCursor };
}
