// One page of one item type in a partition, with an opaque cursor bound to the scope that listed it: the tenant's
// ORG# partition (tenantPage), or a platform listing (scopedPage).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, TABLE } from '#adapters/dynamodb';
import { organisationPk } from '#domain/keys';
import type { TenantContext } from '#domain/tenant';
import { cursorScope, decodeScopedCursor, encodeScopedCursor } from './cursor.ts';

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Items of partition `pk` whose sort key starts with `prefix`, in sort-key order or reversed (newest first); the
 * cursor is valid only for `scope` and within that item type.
 */
export async function scopedPage<T>(
  pk: string,
  scope: string,
  prefix: string,
  page: PageRequest,
  fromItem: (item: Record<string, unknown>) => T,
  options: { descending?: boolean; between?: { lower: string; upper: string } } = {},
): Promise<Page<T>> {
  const after = page.cursor ? decodeScopedCursor(scope, page.cursor, (sk) => sk.startsWith(prefix)) : undefined;
  const { between } = options;
  const response = await db.send(
    new QueryCommand({
      TableName: TABLE,
      // Sort keys within [lower, upper] (both starting with the prefix), or every one with the prefix.
      KeyConditionExpression: between ? 'pk = :pk AND sk BETWEEN :lower AND :upper' : 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: between
        ? { ':pk': pk, ':lower': between.lower, ':upper': between.upper }
        : { ':pk': pk, ':prefix': prefix },
      Limit: page.limit,
      ...(options.descending ? { ScanIndexForward: false } : {}),
      ...(after ? { ExclusiveStartKey: { pk, sk: after } } : {}),
    }),
  );
  const last = response.LastEvaluatedKey?.sk;
  return {
    items: (response.Items ?? []).map(fromItem),
    nextCursor: typeof last === 'string' ? encodeScopedCursor(scope, last) : null,
  };
}

/** Items of the tenant's ORG# partition whose sort key starts with `prefix` (e.g. PATIENT#). */
export const tenantPage = <T>(
  tenant: TenantContext,
  prefix: string,
  page: PageRequest,
  fromItem: (item: Record<string, unknown>) => T,
  options: { descending?: boolean; between?: { lower: string; upper: string } } = {},
): Promise<Page<T>> => scopedPage(organisationPk(tenant.organisationId), cursorScope(tenant), prefix, page, fromItem, options);
