// The platform's KPI counters (domain/metrics.ts): the KPI record a change writes in its own transaction, the
// counting of those records from the table's stream (exactly once), the counts made with a write of their own (failed
// sign-ins, orphan accounts found), and the reads of the dashboard. Every read is a Query of the counters'
// partitions (PLATFORM#METRICS#<n>), never a Scan.
import { randomInt } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, queryAll, TABLE } from '#adapters/dynamodb';
import { newUlid, nowIso } from '#core/ids';
import { TTL_ATTRIBUTE } from '#core/table';
import {
  dayOf,
  type EventCounter,
  events,
  KPI_MARKER_TTL_SECONDS,
  type KpiRecord,
  kpiMarkerKey,
  kpiRecordItem,
  type MetricFamily,
  type MetricIncrement,
  type MetricItem,
  metricKey,
  metricPartitions,
  SHARDS,
  sumIncrements,
} from '#domain/metrics';
import { GUARD } from './guards.ts';
import { addUpdate, ConditionFailed, type NamedItem, putNew, transact } from './transactions.ts';

/**
 * The KPI record of `increments`, for the transaction of the change they count in `organisationId`: a new item in the
 * organisation's own partition, which the change already writes (transact merges one transaction's records of one
 * organisation into one). Counted later, from the stream, by countKpiRecords.
 */
export const metricItems = (organisationId: string, increments: MetricIncrement[], at = nowIso()): NamedItem[] => {
  if (increments.length === 0) return [];
  const record: KpiRecord = { organisationId, id: newUlid(), increments, at };
  return [{ item: { Put: { TableName: TABLE, Item: kpiRecordItem(record) } }, kpi: record }];
};

/** The counter updates of summed increments, each on a random shard of its family. */
const counterUpdates = (increments: readonly MetricIncrement[]): NamedItem[] =>
  sumIncrements(increments).map(({ family, bucket, add }) => ({
    item: addUpdate(TABLE, metricKey(family, bucket, randomInt(0, SHARDS[family])), add),
  }));

const markerItem = (record: KpiRecord, nowMs: number): NamedItem => ({
  item: putNew(TABLE, {
    ...kpiMarkerKey(record),
    type: 'KpiMarker',
    [TTL_ATTRIBUTE]: Math.floor(nowMs / 1000) + KPI_MARKER_TTL_SECONDS,
  }),
  guard: GUARD.kpiCounted,
});

// A transaction holds at most 100 items: 20 records' markers and at most 3 increments each leave room.
const RECORDS_PER_TRANSACTION = 20;

/**
 * Adds the records' increments to the counters, each record exactly once: its marker is written in the same
 * transaction as the counters, on condition that it does not exist. A batch of records is one transaction; when one of
 * them was counted already (the stream delivered it again), each is counted alone and the counted ones skipped.
 * Answers how many records it counted now.
 */
export async function countKpiRecords(records: readonly KpiRecord[], nowMs = Date.now()): Promise<number> {
  let counted = 0;
  for (let start = 0; start < records.length; start += RECORDS_PER_TRANSACTION) {
    const chunk = records.slice(start, start + RECORDS_PER_TRANSACTION);
    try {
      await transact([...chunk.map((record) => markerItem(record, nowMs)), ...counterUpdates(chunk.flatMap((r) => r.increments))]);
      counted += chunk.length;
      continue;
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
    }
    for (const record of chunk) {
      try {
        await transact([markerItem(record, nowMs), ...counterUpdates(record.increments)]);
        counted++;
      } catch (error) {
        if (!(error instanceof ConditionFailed)) throw error;
      }
    }
  }
  return counted;
}

/**
 * For the sign-in back-off: counts one failed sign-in in the month of `at`, with an UpdateItem of its own, apart from
 * the back-off's transaction (a throttled counter must never cost a failure its lock). GET /api/platform/metrics
 * reports them as `failedSignIns`.
 */
export async function recordFailedSignIn(at = new Date().toISOString()): Promise<void> {
  await countEvents({ failedSignIns: 1 }, at);
}

/** Adds event counters with one UpdateItem, outside any transaction. */
async function countEvents(add: Partial<Record<EventCounter, number>>, at: string): Promise<void> {
  const { bucket } = events(at, add);
  const { Update } = addUpdate(TABLE, metricKey('EVENTS', bucket, randomInt(0, SHARDS.EVENTS)), add);
  if (Update) await db.send(new UpdateCommand(Update as ConstructorParameters<typeof UpdateCommand>[0]));
}

/**
 * For the orphan-account sweeper: counts `count` orphan accounts it found (Cognito users without a profile, or
 * profiles without a Cognito user) in the month of `at`. One UpdateItem per call; call it once per sweep with the
 * number found (0 is a no-op). GET /api/platform/metrics reports them as `orphanAccountsFound`.
 */
export async function recordOrphanAccountsFound(count: number, at = new Date().toISOString()): Promise<void> {
  if (!Number.isInteger(count) || count < 0) throw new Error('count must be a non-negative integer');
  if (count === 0) return;
  await countEvents({ orphanAccountsFound: count }, at);
}

/**
 * Every counter item of `family` whose bucket lies in [from, to] (bucket strings compare in time order): one Query of
 * each partition the family's shards are in (and of the former one), in parallel.
 */
async function queryFamily(family: MetricFamily, from: string, to: string): Promise<MetricItem[]> {
  const pages = await Promise.all(
    metricPartitions(family).map((pk) =>
      queryAll({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': pk, ':from': `${family}#${from}`, ':to': `${family}#${to}#~` },
      }),
    ),
  );
  return pages.flat() as MetricItem[];
}

/**
 * What the dashboard needs for the months from..to: every MONTH item (the whole history: join requests wait with no
 * time limit), the EVENTS items of the range, and the EXPIRY items from the range's first day to 31 days from now.
 * 23 Queries in parallel (paginated: MONTH 8 partitions + the former one, EVENTS 8 + 1, EXPIRY 4 + 1); their size
 * grows with the range and, for MONTH, by 8 items a month of history.
 */
export async function readMetrics(from: string, to: string, now: Date) {
  const horizon = dayOf(new Date(now.getTime() + 31 * 86_400_000).toISOString());
  const [months, eventItems, expiries] = await Promise.all([
    queryFamily('MONTH', '0000-00', '9999-99'),
    queryFamily('EVENTS', from, to),
    queryFamily('EXPIRY', `${from}-01`, horizon > `${to}-31` ? horizon : `${to}-31`),
  ]);
  return { months, events: eventItems, expiries };
}
