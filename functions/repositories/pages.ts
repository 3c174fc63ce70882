// One page of one item type in the tenant's ORG# partition, with the tenant-bound opaque cursor.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, TABLE } from '#adapters/dynamodb';
import { organisationPk } from '#domain/keys';
import type { TenantContext } from '#domain/tenant';
import { decodeCursor, encodeCursor } from './cursor.ts';

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Items whose sort key starts with `prefix` (e.g. PATIENT#), in sort-key order or reversed (newest first). */
export async function tenantPage<T>(
  tenant: TenantContext,
  prefix: string,
  page: PageRequest,
  fromItem: (item: Record<string, unknown>) => T,
  options: { descending?: boolean } = {},
): Promise<Page<T>> {
  const pk = organisationPk(tenant.organisationId);
  const after = page.cursor ? decodeCursor(tenant, page.cursor, prefix) : undefined;
  const response = await db.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
      Limit: page.limit,
      ...(options.descending ? { ScanIndexForward: false } : {}),
      ...(after ? { ExclusiveStartKey: { pk, sk: after } } : {}),
    }),
  );
  const last = response.LastEvaluatedKey?.sk;
  return {
    items: (response.Items ?? []).map(fromItem),
    nextCursor: typeof last === 'string' ? encodeCursor(tenant, last) : null,
  };
}
