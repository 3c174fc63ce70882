// The platform's KPI counters (domain/metrics.ts): transaction items that count a change in the change's own
// transaction (failed sign-ins: the sign-in back-off's own transaction), the orphan accounts found, and the reads of
// the dashboard. Every read is a Query of the PLATFORM#METRICS partition, never a Scan.
import { randomInt } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, queryAll, TABLE } from '#adapters/dynamodb';
import {
  dayOf,
  type EventCounter,
  events,
  METRICS_PK,
  type MetricFamily,
  type MetricIncrement,
  type MetricItem,
  metricSk,
  SHARDS,
} from '#domain/metrics';
import { addUpdate, type NamedItem } from './transactions.ts';

/** The counter items of `increments`, for the transaction of the change they count (a random shard each). */
export const metricItems = (increments: MetricIncrement[]): NamedItem[] =>
  increments.map(({ family, bucket, add }) => ({
    item: addUpdate(TABLE, { pk: METRICS_PK, sk: metricSk(family, bucket, randomInt(0, SHARDS[family])) }, add),
    // One item per family and bucket in any one transaction (transact merges them).
    counter: { group: `${family}#${bucket}`, add },
  }));

/** Adds event counters with one UpdateItem, outside any transaction. */
async function countEvents(add: Partial<Record<EventCounter, number>>, at: string): Promise<void> {
  const { bucket } = events(at, add);
  const { Update } = addUpdate(TABLE, { pk: METRICS_PK, sk: metricSk('EVENTS', bucket, randomInt(0, SHARDS.EVENTS)) }, add);
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

/** Every counter item of `family` whose bucket lies in [from, to] (bucket strings compare in time order). */
async function queryFamily(family: MetricFamily, from: string, to: string): Promise<MetricItem[]> {
  return (await queryAll({
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': METRICS_PK, ':from': `${family}#${from}`, ':to': `${family}#${to}#~` },
  })) as MetricItem[];
}

/**
 * What the dashboard needs for the months from..to: every MONTH item (the whole history: join requests wait with no
 * time limit), the EVENTS items of the range, and the EXPIRY items from the range's first day to 31 days from now.
 * Three Queries (paginated); their size grows with the range and, for MONTH, by 8 items a month of history.
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
