// The organisation's events, read back from its ORG# partition: newest first, or from an event on (oldest first) for
// a subscriber catching up; the items themselves are written by each change's transaction (transactions.ts).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, TABLE } from '#adapters/dynamodb';
import { EVENT_SK_PREFIX, type EventType, eventFromItem, type OrgEvent } from '#domain/events';
import { organisationPk } from '#domain/keys';
import type { TenantContext } from '#domain/tenant';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { Page } from './pages.ts';

const ASCENDING = '>';

export interface EventQuery {
  limit: number;
  cursor?: string | undefined;
  /** An event id: the events after it, oldest first. */
  after?: string | undefined;
  types?: readonly EventType[] | undefined;
}

/**
 * One Query. A `types` filter is a FilterExpression: DynamoDB reads `limit` events and keeps the matching ones, so a
 * page may hold fewer than `limit` (even none) and still have a next cursor.
 */
export async function listEvents(tenant: TenantContext, query: EventQuery): Promise<Page<OrgEvent>> {
  const pk = organisationPk(tenant.organisationId);
  // An ascending list's cursor ends with '>' (ULIDs never do), so following it keeps the direction the list began with.
  const decoded = query.cursor ? decodeCursor(tenant, query.cursor, EVENT_SK_PREFIX) : undefined;
  const ascending = decoded ? decoded.endsWith(ASCENDING) : query.after !== undefined;
  const resume = decoded ? decoded.replace(ASCENDING, '') : query.after ? `${EVENT_SK_PREFIX}${query.after}` : undefined;
  const types = query.types ?? [];
  const response = await db.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': pk,
        ':prefix': EVENT_SK_PREFIX,
        ...Object.fromEntries(types.map((type, index) => [`:t${index}`, type])),
      },
      ...(types.length > 0
        ? {
            FilterExpression: `#eventType IN (${types.map((_, index) => `:t${index}`).join(', ')})`,
            ExpressionAttributeNames: { '#eventType': 'eventType' },
          }
        : {}),
      Limit: query.limit,
      // Newest first, unless catching up from an event.
      ...(ascending ? {} : { ScanIndexForward: false }),
      ...(resume ? { ExclusiveStartKey: { pk, sk: resume } } : {}),
    }),
  );
  const last = response.LastEvaluatedKey?.sk;
  return {
    items: (response.Items ?? []).map(eventFromItem),
    nextCursor: typeof last === 'string' ? encodeCursor(tenant, ascending ? `${last}${ASCENDING}` : last) : null,
  };
}
