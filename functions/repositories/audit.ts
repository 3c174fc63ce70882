// The audit trail: entries are written as transaction items alongside the change they record, and read back
// newest first from the tenant's ORG# partition.
import { TABLE } from '#adapters/dynamodb';
import {
  AUDIT_SK_PREFIX,
  type AuditEntry,
  auditEntry,
  auditFromItem,
  auditItem,
  PLATFORM_AUDIT_PK,
  platformAuditItem,
} from '#domain/audit';
import { auditRange } from '#domain/audit-export';
import type { TenantContext } from '#domain/tenant';
import { GUARD } from './guards.ts';
import { type Page, type PageRequest, scopedPage, tenantPage } from './pages.ts';
import { type NamedItem, putNew } from './transactions.ts';

/** Transaction item recording `entry` in its organisation's trail. */
export const auditWrite = (entry: AuditEntry): NamedItem => ({ item: putNew(TABLE, auditItem(entry)), guard: GUARD.audit });

/** The audit entry of a change, as an item of the change's own transaction. */
export const auditRecord = (fields: Omit<AuditEntry, 'id' | 'at'>): NamedItem => auditWrite(auditEntry(fields));

/** Transaction item recording `entry` in the platform trail (outlives the organisation). */
export const platformAuditWrite = (entry: AuditEntry): NamedItem => ({ item: putNew(TABLE, platformAuditItem(entry)), guard: GUARD.audit });

/** When entries happened: from and to, inclusive at their own precision (domain/audit-export.ts). */
export interface AuditPeriod {
  from?: string | undefined;
  to?: string | undefined;
}

/** Newest first: sort keys start with the ISO time, so a period is one key range of the same Query. */
export const listAudit = (tenant: TenantContext, page: PageRequest, period: AuditPeriod = {}): Promise<Page<AuditEntry>> =>
  tenantPage(tenant, AUDIT_SK_PREFIX, page, auditFromItem, { descending: true, between: auditRange(AUDIT_SK_PREFIX, period) });

/** The platform trail, newest first, with cursors valid for this list only. */
export const listPlatformAudit = (page: PageRequest, period: AuditPeriod = {}): Promise<Page<AuditEntry>> =>
  scopedPage(PLATFORM_AUDIT_PK, 'platform:audit', AUDIT_SK_PREFIX, page, auditFromItem, {
    descending: true,
    between: auditRange(AUDIT_SK_PREFIX, period),
  });
