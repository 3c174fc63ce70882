// The audit trail: entries are written as transaction items alongside the change they record, and read back
// newest first from the tenant's ORG# partition.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, TABLE } from '#adapters/dynamodb';
import { AUDIT_SK_PREFIX, auditFromItem, auditItem, platformAuditItem, type AuditEntry } from '#domain/audit';
import { organisationPk } from '#domain/organisation';
import type { TenantContext } from '#domain/tenant';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { putNew, type NamedItem } from './transactions.ts';

/** Transaction item recording `entry` in its organisation's trail. */
export const auditWrite = (entry: AuditEntry): NamedItem => ({ item: putNew(TABLE, auditItem(entry)), guard: 'audit' });

/** Transaction item recording `entry` in the platform trail (outlives the organisation). */
export const platformAuditWrite = (entry: AuditEntry): NamedItem => ({ item: putNew(TABLE, platformAuditItem(entry)), guard: 'audit' });

export async function listAudit(
  tenant: TenantContext,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  const pk = organisationPk(tenant.organisationId);
  const after = page.cursor ? decodeCursor(tenant, page.cursor, AUDIT_SK_PREFIX) : undefined;
  const response = await db.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': AUDIT_SK_PREFIX },
      // Sort keys start with the ISO time, so descending order is newest first.
      ScanIndexForward: false,
      Limit: page.limit,
      ...(after ? { ExclusiveStartKey: { pk, sk: after } } : {}),
    }),
  );
  const last = response.LastEvaluatedKey?.sk;
  return {
    items: (response.Items ?? []).map(auditFromItem),
    nextCursor: typeof last === 'string' ? encodeCursor(tenant, last) : null,
  };
}
