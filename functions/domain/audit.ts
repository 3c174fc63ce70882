// Audit entry item: ORG#<orgId> / AUDIT#<iso time>#<id>, written in the same transaction as the change it records.
import { randomUUID } from 'node:crypto';
import { organisationPk } from './keys.ts';

export interface AuditEntry {
  id: string;
  organisationId: string;
  action: string;
  actorId: string;
  /** Who or what was acted upon (a user id, invitation id, role name …). */
  target?: string;
  details?: Record<string, unknown>;
  at: string;
}

export const AUDIT_SK_PREFIX = 'AUDIT#';

export function auditEntry(fields: Omit<AuditEntry, 'id' | 'at'> & { at?: string }): AuditEntry {
  return { id: randomUUID(), at: fields.at ?? new Date().toISOString(), ...fields };
}

export const auditItem = (entry: AuditEntry) => ({
  pk: organisationPk(entry.organisationId),
  sk: `${AUDIT_SK_PREFIX}${entry.at}#${entry.id}`,
  type: 'AuditEntry',
  ...entry,
});

/** The partition of the platform trail (it also holds the SUPERADMIN# markers). */
export const PLATFORM_AUDIT_PK = 'PLATFORM';

/**
 * Platform-level audit entry: PLATFORM / AUDIT#<iso time>#<id>. Every platform operator's action (the same entry as
 * in the organisation's trail) and what outlives an organisation's own partition (its deletion); `organisationId`
 * names the organisation concerned.
 */
export const platformAuditItem = (entry: AuditEntry) => ({
  pk: PLATFORM_AUDIT_PK,
  sk: `${AUDIT_SK_PREFIX}${entry.at}#${entry.id}`,
  type: 'PlatformAuditEntry',
  ...entry,
});

export function auditFromItem(item: Record<string, unknown>): AuditEntry {
  const { pk: _pk, sk: _sk, type: _type, ...entry } = item;
  return entry as unknown as AuditEntry;
}
