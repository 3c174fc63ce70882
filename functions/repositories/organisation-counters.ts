// The organisation's counters item (ORG#<id> / COUNTERS, domain/organisation.ts): an organisation read with its
// counts, the transaction items that move them under their conditions, and the one-time creation of the item for
// an organisation written before it had one (its counts were then on the organisation item).
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, cancellationReasons, db, findItem, TABLE } from '#adapters/dynamodb';
import {
  type CountedOrganisation,
  countedOrganisationFromItems,
  legacyCounts,
  organisationCountersItem,
  organisationCountersKey,
  organisationKey,
} from '#domain/organisation';
import type { Guard } from './guards.ts';
import type { NamedItem } from './transactions.ts';

/** An organisation and its counters in one BatchGetItem. */
export async function readCountedOrganisation(
  organisationId: string,
  options: { consistent?: boolean } = {},
): Promise<CountedOrganisation | undefined> {
  const oKey = organisationKey(organisationId);
  const cKey = organisationCountersKey(organisationId);
  const items = await batchGet([oKey, cKey], options);
  const org = findItem(items, oKey);
  return org ? countedOrganisationFromItems(org, findItem(items, cKey)) : undefined;
}

/** Organisation items already read, with their counters: one BatchGetItem per 100 organisations. */
export async function withCounters(orgItems: Record<string, unknown>[]): Promise<CountedOrganisation[]> {
  const counters = await batchGet(orgItems.map((item) => organisationCountersKey(String(item.id))));
  return orgItems.map((item) => countedOrganisationFromItems(item, findItem(counters, organisationCountersKey(String(item.id)))));
}

/** The parts of an update of the counters item: SET clauses, conditions and their names and values. */
export interface CountersChange {
  set: string[];
  conditions: string[];
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/**
 * The Update of the organisation's counters item stating `change`: the item must exist (it goes with the
 * organisation), and one written before it is created from the organisation's own counts when refused for that.
 */
export const countersUpdate = (organisationId: string, change: CountersChange, guard: Guard): NamedItem => ({
  item: {
    Update: {
      TableName: TABLE,
      Key: organisationCountersKey(organisationId),
      UpdateExpression: `SET ${change.set.join(', ')}`,
      ConditionExpression: ['attribute_exists(pk)', ...change.conditions].join(' AND '),
      ...(change.names && Object.keys(change.names).length > 0 ? { ExpressionAttributeNames: change.names } : {}),
      ...(change.values && Object.keys(change.values).length > 0 ? { ExpressionAttributeValues: change.values } : {}),
    },
  },
  guard,
  repair: () => createLegacyCounters(organisationId),
});

/**
 * Creates the counters item of an organisation written before it had one, from the counts on its item, and removes
 * them there, in one transaction (so the counts live in one place at every instant). True when the item now exists
 * (created here or by a concurrent call), false when there was nothing to create: no such organisation, one being
 * deleted (its items are being purged), or one whose counts already moved.
 */
export async function createLegacyCounters(organisationId: string): Promise<boolean> {
  const key = organisationKey(organisationId);
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }));
  const counts = Item && Item.status !== 'DELETING' ? legacyCounts(Item) : undefined;
  if (!Item || !counts) return false;
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: TABLE,
              Item: organisationCountersItem({ id: organisationId, maxUsers: Number(Item.maxUsers), ...counts }),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: TABLE,
              Key: key,
              UpdateExpression: `REMOVE memberCount, adminCount${Item.joinCode ? ', joinCode.#uses' : ''}`,
              ConditionExpression: 'memberCount = :seen AND #status <> :deleting',
              ExpressionAttributeNames: { '#status': 'status', ...(Item.joinCode ? { '#uses': 'uses' } : {}) },
              ExpressionAttributeValues: { ':seen': counts.memberCount, ':deleting': 'DELETING' },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    // Another request created it first (the Put's condition), or the counts moved under us: either way the
    // refused transaction may be tried again, and states its own conditions.
    if (cancellationReasons(error)?.includes('ConditionalCheckFailed')) return true;
    throw error;
  }
}
