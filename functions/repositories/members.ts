// Member reads under the tenant's ORG# partition, and the audit transaction item every membership change carries.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, TABLE } from '#adapters/dynamodb';
import { auditEntry, auditItem, type AuditEntry } from '#domain/audit';
import { MEMBER_SK_PREFIX, membershipFromItem, membershipKey, type Membership } from '#domain/membership';
import { organisationPk } from '#domain/organisation';
import type { TenantContext } from '#domain/tenant';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { putNew, type NamedItem } from './transactions.ts';

/** The membership of `userId` in the tenant's organisation (strongly consistent: it guards a conditional write). */
export async function getMember(tenant: TenantContext, userId: string): Promise<Membership | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: TABLE, Key: membershipKey(tenant.organisationId, userId), ConsistentRead: true }),
  );
  return Item ? membershipFromItem(Item) : undefined;
}

export async function listMembers(
  tenant: TenantContext,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: Membership[]; nextCursor: string | null }> {
  const pk = organisationPk(tenant.organisationId);
  const after = page.cursor ? decodeCursor(tenant, page.cursor, MEMBER_SK_PREFIX) : undefined;
  const response = await db.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': MEMBER_SK_PREFIX },
      Limit: page.limit,
      ...(after ? { ExclusiveStartKey: { pk, sk: after } } : {}),
    }),
  );
  const last = response.LastEvaluatedKey?.sk;
  return {
    items: (response.Items ?? []).map(membershipFromItem),
    nextCursor: typeof last === 'string' ? encodeCursor(tenant, last) : null,
  };
}

/** The audit entry of a change, as an item of the change's own transaction. */
export const auditRecord = (fields: Omit<AuditEntry, 'id' | 'at'>): NamedItem => ({
  item: putNew(TABLE, auditItem(auditEntry(fields))),
  guard: 'audit',
});
