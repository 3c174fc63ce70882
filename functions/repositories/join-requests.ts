// Join-request persistence: the request item under the organisation's partition, its review as a guarded
// transaction item, and the listing by status through GSI1. Every key comes from the verified tenant.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, GSI1, TABLE } from '#adapters/dynamodb';
import {
  JOIN_REQUEST_GSI1SK_PREFIX,
  type JoinRequest,
  type JoinRequestStatus,
  joinRequestFromItem,
  joinRequestItem,
  joinRequestKey,
  joinRequestKeysOfListSk,
  joinRequestListPk,
} from '#domain/join-request';
import { type Membership, membershipFromItem, membershipKey } from '#domain/membership';
import * as refusals from '#domain/refusals';
import type { TenantContext } from '#domain/tenant';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { GUARD } from './guards.ts';
import { type NamedItem, putNew } from './transactions.ts';

export const newJoinRequestItem = (request: JoinRequest): NamedItem => ({
  item: putNew(TABLE, joinRequestItem(request)),
  guard: GUARD.joinRequestExists,
});

export async function getJoinRequest(tenant: TenantContext, userId: string): Promise<JoinRequest | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: TABLE, Key: joinRequestKey(tenant.organisationId, userId), ConsistentRead: true }),
  );
  return Item ? joinRequestFromItem(Item) : undefined;
}

/** The user's membership of the tenant organisation, in whatever state. */
export async function getMembership(tenant: TenantContext, userId: string): Promise<Membership | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: TABLE, Key: membershipKey(tenant.organisationId, userId), ConsistentRead: true }),
  );
  return Item ? membershipFromItem(Item) : undefined;
}

/** Moves a PENDING request to its reviewed state (and to that state's list); refused if it is no longer PENDING. */
export function reviewItem(
  request: JoinRequest,
  review: { status: Exclude<JoinRequestStatus, 'PENDING'>; reviewedBy: string; reviewedAt: string; role?: string; reason?: string },
): NamedItem {
  const set: Record<string, unknown> = {
    status: review.status,
    reviewedBy: review.reviewedBy,
    reviewedAt: review.reviewedAt,
    updatedAt: review.reviewedAt,
    gsi1pk: joinRequestListPk(request.organisationId, review.status),
    ...(review.role ? { role: review.role } : {}),
    ...(review.reason ? { reason: review.reason } : {}),
  };
  const fields = Object.keys(set);
  return {
    item: {
      Update: {
        TableName: TABLE,
        Key: joinRequestKey(request.organisationId, request.userId),
        UpdateExpression: `SET ${fields.map((_, i) => `#f${i} = :f${i}`).join(', ')}`,
        ConditionExpression: '#f0 = :pending',
        ExpressionAttributeNames: Object.fromEntries(fields.map((field, i) => [`#f${i}`, field])),
        ExpressionAttributeValues: { ...Object.fromEntries(fields.map((field, i) => [`:f${i}`, set[field]])), ':pending': 'PENDING' },
      },
    },
    guard: GUARD.joinRequestState,
  };
}

/** The tenant's requests in one status, oldest first, paginated with an opaque tenant-bound cursor. */
export async function listJoinRequests(
  tenant: TenantContext,
  status: JoinRequestStatus,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: JoinRequest[]; nextCursor: string | null }> {
  const gsi1pk = joinRequestListPk(tenant.organisationId, status);
  const after = page.cursor ? decodeCursor(tenant, page.cursor, JOIN_REQUEST_GSI1SK_PREFIX) : undefined;
  const startKey = after ? joinRequestKeysOfListSk(tenant.organisationId, status, after) : undefined;
  if (after && !startKey) throw refusals.invalidCursor();
  const response = await db.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: { ':pk': gsi1pk, ':prefix': JOIN_REQUEST_GSI1SK_PREFIX },
      Limit: page.limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  const last = response.LastEvaluatedKey?.gsi1sk;
  return {
    items: (response.Items ?? []).map(joinRequestFromItem),
    nextCursor: typeof last === 'string' ? encodeCursor(tenant, last) : null,
  };
}
