// One TransactWriteItems whose conditional items are named, so a cancellation says which conditions failed.
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, db, TABLE } from '#adapters/dynamodb';
import { newUlid } from '#core/ids';
import { type AuditEntry, auditFromItem } from '#domain/audit';
import { eventItem, eventOfAudit, type OrgEvent } from '#domain/events';
import { type KpiRecord, kpiRecordItem } from '#domain/metrics';
import * as refusals from '#domain/refusals';
import type { Guard } from './guards.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface NamedItem {
  item: TransactItem;
  /** Reported by ConditionFailed when this item's condition fails. */
  guard?: Guard;
  /**
   * A KPI record (metrics.ts metricItems): the records of one organisation in one transaction are merged into the
   * first one before sending, their increments joined, so a change writes at most one record per organisation.
   */
  kpi?: KpiRecord;
  /** On an audit entry's item: the id its event takes (when the caller must know it), a new ULID otherwise. */
  eventId?: string;
  /**
   * When this item's condition failed: makes what it may have lacked because it predates its item (an organisation's
   * counters item), answering true if it did, and the transaction is sent once more (repositories/organisation-counters.ts).
   */
  repair?: () => Promise<boolean>;
}

/** An Update that adds `add` to numeric attributes of the item at `key` (each created at 0 if absent). */
export function addUpdate(table: string, key: { pk: string; sk: string }, add: Record<string, number>): TransactItem {
  const entries = Object.entries(add);
  return {
    Update: {
      TableName: table,
      Key: key,
      UpdateExpression: `ADD ${entries.map((_, index) => `#c${index} :c${index}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name], index) => [`#c${index}`, name])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], index) => [`:c${index}`, value])),
    },
  };
}

/** What mergedInto adds to an item: SET clauses (an Update only), a condition, and their names and values. */
export interface ItemPart {
  set?: string[];
  condition: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

const sameKey = (a: Record<string, unknown> | undefined, b: { pk: string; sk: string }) => a?.pk === b.pk && a?.sk === b.sk;

/**
 * Adds `part` to the item of `items` at `key`: DynamoDB allows one operation per item in a transaction, so its SET
 * clauses and condition join that Update's or ConditionCheck's (a ConditionCheck given SET clauses becomes an
 * Update), which keeps its own guard and repair; `alone` builds the item when there is none at `key`.
 */
export function mergedInto(items: NamedItem[], key: { pk: string; sk: string }, part: ItemPart, alone: () => NamedItem): NamedItem[] {
  const index = items.findIndex(({ item }) => sameKey((item.Update ?? item.ConditionCheck)?.Key, key));
  const existing = index >= 0 ? items[index] : undefined;
  const target = existing?.item.Update ?? existing?.item.ConditionCheck;
  if (!existing || !target) return [...items, alone()];
  const set = part.set ?? [];
  const expression = existing.item.Update?.UpdateExpression ?? '';
  const names = { ...target.ExpressionAttributeNames, ...part.names };
  const values = { ...target.ExpressionAttributeValues, ...part.values };
  const joined = {
    TableName: target.TableName,
    Key: target.Key,
    ConditionExpression: target.ConditionExpression ? `(${target.ConditionExpression}) AND ${part.condition}` : part.condition,
    // DynamoDB refuses an empty map of names or values.
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
  const updateExpression =
    set.length === 0
      ? expression
      : /^SET /i.test(expression)
        ? `SET ${set.join(', ')}, ${expression.slice(4)}`
        : `SET ${set.join(', ')} ${expression}`.trim();
  const item: TransactItem = updateExpression ? { Update: { ...joined, UpdateExpression: updateExpression } } : { ConditionCheck: joined };
  return items.map((entry, i) => (i === index ? { ...entry, item } : entry));
}

/** Merges the KPI records of each organisation into its first one (see NamedItem.kpi). */
export function mergeKpiRecords(items: NamedItem[]): NamedItem[] {
  const joined = new Map<string, KpiRecord>();
  for (const { kpi } of items) {
    if (!kpi) continue;
    const first = joined.get(kpi.organisationId);
    joined.set(kpi.organisationId, first ? { ...first, increments: [...first.increments, ...kpi.increments] } : kpi);
  }
  const done = new Set<string>();
  return items.flatMap((entry) => {
    const { kpi } = entry;
    if (!kpi) return [entry];
    if (done.has(kpi.organisationId)) return [];
    done.add(kpi.organisationId);
    const record = joined.get(kpi.organisationId) ?? kpi;
    const table = entry.item.Put?.TableName ?? TABLE;
    return [{ item: { Put: { TableName: table, Item: kpiRecordItem(record) } }, kpi: record }];
  });
}

/** DynamoDB cancelled the transaction because these items' conditions failed; nothing was written. */
export class ConditionFailed extends Error {
  constructor(
    readonly guards: Guard[],
    options?: ErrorOptions,
  ) {
    super(`Conditional check failed: ${guards.join(', ')}`, options);
    this.name = 'ConditionFailed';
  }

  /** Whether any of `guards` failed. */
  has(...guards: Guard[]): boolean {
    return guards.some((guard) => this.guards.includes(guard));
  }
}

export const conditionFailed = (error: unknown, ...guards: Guard[]): error is ConditionFailed =>
  error instanceof ConditionFailed && (guards.length === 0 || error.has(...guards));

const MAX_CONFLICT_RETRIES = 3;

/** The event item of `event`, as an item of its change's transaction. */
export const eventWrite = (event: OrgEvent): NamedItem => ({ item: putNew(TABLE, eventItem(event)) });

const AUDIT_ITEM_TYPES = new Set(['AuditEntry', 'PlatformAuditEntry']);

/**
 * The items plus one event per audit entry among them (an entry recorded in both trails counts once): every audited
 * change carries its event in its own transaction, by construction (domain/events.ts).
 */
export function withEvents(items: NamedItem[]): NamedItem[] {
  const audits = new Map<string, { entry: AuditEntry; eventId: string | undefined }>();
  for (const { item, eventId } of items) {
    const put = item.Put?.Item;
    if (put && AUDIT_ITEM_TYPES.has(String(put.type))) {
      const entry = auditFromItem(put);
      const seen = audits.get(entry.id);
      if (!seen || (seen.eventId === undefined && eventId !== undefined)) audits.set(entry.id, { entry, eventId });
    }
  }
  const events = [...audits.values()].flatMap(({ entry, eventId }) => {
    const event = eventOfAudit(entry, eventId ?? newUlid());
    return event ? [eventWrite(event)] : [];
  });
  return events.length > 0 ? [...items, ...events] : items;
}

export async function transact(given: NamedItem[]): Promise<void> {
  const items = withEvents(mergeKpiRecords(given));
  let repaired = false;
  for (let attempt = 0; ; attempt++) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items.map(({ item }) => item) }));
      return;
    } catch (error) {
      // DynamoDB cancels a transaction that races another one on the same item (TransactionConflict): nothing
      // was written, so it is retried with jitter; DynamoDB Local serialises transactions and never does this.
      const reasons = cancellationReasons(error);
      const raced = reasons?.includes('TransactionConflict') && !reasons.includes('ConditionalCheckFailed');
      if (raced && attempt < MAX_CONFLICT_RETRIES) {
        await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt + Math.random() * 25));
        continue;
      }
      // Still racing after the retries: nothing was written, and the client can simply try again.
      if (raced) {
        throw refusals.transactionConflict({ cause: error });
      }
      if (!repaired && (await repairedFailures(items, reasons))) {
        repaired = true;
        continue;
      }
      throw named(items, error);
    }
  }
}

/** Runs the repairs of the items whose conditions failed: true if any made something, so the transaction is tried again. */
async function repairedFailures(items: NamedItem[], reasons: string[] | undefined): Promise<boolean> {
  const repairs = (reasons ?? []).flatMap((reason, index) => {
    const repair = reason === 'ConditionalCheckFailed' ? items[index]?.repair : undefined;
    return repair ? [repair] : [];
  });
  const made = await Promise.all(repairs.map((repair) => repair()));
  return made.includes(true);
}

/** A cancellation whose conditions failed becomes a ConditionFailed naming those items' guards. */
function named(items: NamedItem[], error: unknown): unknown {
  const reasons = cancellationReasons(error);
  const failed = (reasons ?? [])
    .map((reason, index) => (reason === 'ConditionalCheckFailed' ? items[index]?.guard : undefined))
    .filter((guard): guard is Guard => guard !== undefined);
  const unnamed = (reasons ?? []).some((reason, index) => reason === 'ConditionalCheckFailed' && !items[index]?.guard);
  if (failed.length === 0 && !unnamed) return error;
  return new ConditionFailed(failed, { cause: error });
}

/** A Put that fails when an item with the same key already exists. */
export const putNew = (table: string, item: Record<string, unknown>): TransactItem => ({
  Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
});
