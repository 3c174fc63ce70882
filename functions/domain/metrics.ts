// The platform's KPI counters (seed 003) and how the dashboard derives its figures from them. A change that counts
// for a KPI writes, in its own transaction, a KPI record beside its event (ORG#<orgId> / KPI#<ulid>, the increments
// it makes): a new item in the partition the change already writes, so counting can never throttle, conflict with or
// fail the change. The table's stream carries each record to the KPI counter (functions/jobs/kpi-counter.ts), which
// adds its increments to the counters, exactly once (a marker per record, in the same transaction), never by a Scan:
//
// - MONTH#<yyyy-mm>#<shard>: what happened in a month (organisations created, invitations sent / accepted / revoked,
//   join requests created / approved / rejected) and a histogram of the time join requests waited for approval.
//   Join requests are also counted by cohort: `joinRequestsResolved` and `joinRequestsDropped` are added to the month
//   the request was *created* in, so created − resolved − dropped is how many of that month's requests still wait.
// - EXPIRY#<yyyy-mm-dd>#<shard>: invitations by the hour they expire at (`eHH`), and those of them accepted or
//   revoked before that hour came (`wHH`, withdrawn). Whatever an hour still holds once it has passed expired.
// - EVENTS#<yyyy-mm>#<shard>: events counted with a write of their own, best effort (failed sign-ins, orphan
//   accounts found).
//
// Each family is sharded (a random shard per write, all shards summed on read) so that no single item takes every
// write of a busy month: a hot item would throttle the counter, and make its writes conflict with each other. The
// shards are spread over METRIC_PARTITIONS partition keys too (PLATFORM#METRICS#<shard mod 8>), so that the counters
// are no single partition either: the KPI counter's transactions and the failed sign-ins' updates share 8 partitions'
// throughput (8 × 1,000 write units a second), not one's.
import { organisationPk } from './keys.ts';

/** The one partition of every counter before issue 20: read (its history), never written any more. */
export const METRICS_PK = 'PLATFORM#METRICS';

export const SHARDS = { MONTH: 8, EXPIRY: 4, EVENTS: 16 } as const;
export type MetricFamily = keyof typeof SHARDS;

/** How many partition keys the counters are spread over: shard n of any family lives in partition n mod 8. */
export const METRIC_PARTITIONS = 8;

/** The key of a counter item: its family's shard picks the partition, the sort key names family, bucket and shard. */
export const metricKey = (family: MetricFamily, bucket: string, shard: number): { pk: string; sk: string } => ({
  pk: `${METRICS_PK}#${shard % METRIC_PARTITIONS}`,
  sk: metricSk(family, bucket, shard),
});

/**
 * Every partition a family's counters may be in: those its shards map to, and the former single partition (counters
 * written before the spread stay there: a Query of history that no longer grows).
 */
export const metricPartitions = (family: MetricFamily): string[] => [
  ...new Set(Array.from({ length: SHARDS[family] }, (_, shard) => metricKey(family, '', shard).pk)),
  METRICS_PK,
];

export type MonthCounter =
  | 'organisationsCreated'
  | 'invitationsSent'
  | 'invitationsAccepted'
  | 'invitationsDeclined'
  | 'invitationsRevoked'
  | 'joinRequestsCreated'
  | 'joinRequestsApproved'
  | 'joinRequestsRejected'
  /** By the month the request was created in. */
  | 'joinRequestsResolved'
  /** By the month the request was created in: still pending when its organisation was deleted. */
  | 'joinRequestsDropped';

export type EventCounter = 'failedSignIns' | 'orphanAccountsFound';

/** The type of a KPI record item: what the stream's KPI counter picks up. */
export const KPI_RECORD_TYPE = 'KpiRecord';

/** A KPI record is kept a day (the stream carries it at once; a day covers every retry of the stream's consumer). */
export const KPI_RECORD_TTL_SECONDS = 86_400;

/** The marker that a record was counted: kept two days, past any redelivery of the record by the stream. */
export const KPI_MARKER_TTL_SECONDS = 2 * 86_400;

export interface KpiRecord {
  organisationId: string;
  /** A ULID: the record's sort key and its marker's. */
  id: string;
  increments: MetricIncrement[];
  /** When the change happened (ISO). */
  at: string;
}

/** The record of a change's increments, written in the change's own transaction, in its organisation's partition. */
export const kpiRecordItem = (record: KpiRecord) => ({
  pk: organisationPk(record.organisationId),
  sk: `KPI#${record.id}`,
  type: KPI_RECORD_TYPE,
  ...record,
  ttl: Math.floor(Date.parse(record.at) / 1000) + KPI_RECORD_TTL_SECONDS,
});

export function kpiRecordFromItem(item: Record<string, unknown>): KpiRecord {
  return {
    organisationId: String(item.organisationId),
    id: String(item.id),
    increments: (Array.isArray(item.increments) ? item.increments : []) as MetricIncrement[],
    at: String(item.at),
  };
}

/** "This record was counted": one item per record, so its key spreads with the records'. */
export const kpiMarkerKey = (record: Pick<KpiRecord, 'organisationId' | 'id'>) => ({
  pk: `KPICOUNTED#${record.organisationId}#${record.id}`,
  sk: 'MARKER',
});

/**
 * The increments of several records as one sum per family and bucket (one counter update each), in the order first
 * met; counters summed by name.
 */
export function sumIncrements(increments: readonly MetricIncrement[]): MetricIncrement[] {
  const sums = new Map<string, MetricIncrement>();
  for (const { family, bucket, add } of increments) {
    const key = `${family}#${bucket}`;
    const sum = sums.get(key) ?? { family, bucket, add: {} };
    for (const [name, value] of Object.entries(add)) sum.add[name] = (sum.add[name] ?? 0) + value;
    sums.set(key, sum);
  }
  return [...sums.values()].filter((sum) => Object.values(sum.add).some((value) => value !== 0));
}

/** Counters to add to one item of a family (sharded on write). */
export interface MetricIncrement {
  family: MetricFamily;
  /** yyyy-mm (MONTH, EVENTS) or yyyy-mm-dd (EXPIRY). */
  bucket: string;
  add: Record<string, number>;
}

export const monthOf = (iso: string): string => iso.slice(0, 7);
export const dayOf = (iso: string): string => iso.slice(0, 10);
const hourOf = (iso: string): string => iso.slice(11, 13);

export const metricSk = (family: MetricFamily, bucket: string, shard: number): string => `${family}#${bucket}#${shard}`;

/** The family and bucket of a metrics sort key, or undefined for anything else. */
export function parseMetricSk(sk: string): { family: MetricFamily; bucket: string } | undefined {
  const match = /^(MONTH|EXPIRY|EVENTS)#([0-9-]+)#\d+$/.exec(sk);
  return match ? { family: match[1] as MetricFamily, bucket: match[2] as string } : undefined;
}

export const monthly = (at: string, add: Partial<Record<MonthCounter, number>>): MetricIncrement => ({
  family: 'MONTH',
  bucket: monthOf(at),
  add,
});

export const events = (at: string, add: Partial<Record<EventCounter, number>>): MetricIncrement => ({
  family: 'EVENTS',
  bucket: monthOf(at),
  add,
});

// Invitations.

/** An invitation sent at `createdAt` that will expire at `expiresAt`. */
export const invitationSent = (invitation: { createdAt: string; expiresAt: string }): MetricIncrement[] => [
  monthly(invitation.createdAt, { invitationsSent: 1 }),
  { family: 'EXPIRY', bucket: dayOf(invitation.expiresAt), add: { [`e${hourOf(invitation.expiresAt)}`]: 1 } },
];

const RESOLVED = { accepted: 'invitationsAccepted', declined: 'invitationsDeclined', revoked: 'invitationsRevoked' } as const;

/**
 * An invitation accepted, declined or revoked at `at`. Only one resolved before it expired is withdrawn from its expiry
 * hour: one revoked after expiring did expire (acceptance and declining require an unexpired invitation).
 */
export const invitationResolved = (invitation: { expiresAt: string }, outcome: keyof typeof RESOLVED, at: string): MetricIncrement[] => [
  monthly(at, { [RESOLVED[outcome]]: 1 }),
  ...(at < invitation.expiresAt
    ? [{ family: 'EXPIRY' as const, bucket: dayOf(invitation.expiresAt), add: { [`w${hourOf(invitation.expiresAt)}`]: 1 } }]
    : []),
];

// Join requests and the time they wait for approval.

/** Upper bounds (seconds, exclusive) of the approval-time histogram's buckets; the last one is open. */
export const APPROVAL_BUCKETS: readonly number[] = [
  60,
  300,
  900,
  1_800,
  3_600,
  7_200,
  14_400,
  28_800,
  43_200,
  86_400,
  172_800,
  259_200,
  604_800,
  1_209_600,
  2_592_000,
  Number.POSITIVE_INFINITY,
];
export const approvalCounter = (index: number): string => `approvals${String(index).padStart(2, '0')}`;

export function approvalBucket(seconds: number): number {
  const index = APPROVAL_BUCKETS.findIndex((upper) => seconds < upper);
  return index < 0 ? APPROVAL_BUCKETS.length - 1 : index;
}

export const joinRequestCreated = (createdAt: string): MetricIncrement[] => [monthly(createdAt, { joinRequestsCreated: 1 })];

export function joinRequestReviewed(request: { createdAt: string }, outcome: 'approved' | 'rejected', at: string): MetricIncrement[] {
  const waited = Math.max(0, (Date.parse(at) - Date.parse(request.createdAt)) / 1000);
  return [
    monthly(
      at,
      outcome === 'approved' ? { joinRequestsApproved: 1, [approvalCounter(approvalBucket(waited))]: 1 } : { joinRequestsRejected: 1 },
    ),
    monthly(request.createdAt, { joinRequestsResolved: 1 }),
  ];
}

export const joinRequestDropped = (request: { createdAt: string }): MetricIncrement[] => [
  monthly(request.createdAt, { joinRequestsDropped: 1 }),
];

// Reading.

export interface ApprovalMedian {
  /** Approvals the median is taken over. */
  approvals: number;
  /** The median lies in [lowerSeconds, upperSeconds) (upperSeconds null: beyond the last bound, 30 days). */
  lowerSeconds: number;
  upperSeconds: number | null;
  /** Linear interpolation within that bucket: an estimate, exact only to the bucket's bounds. */
  estimateSeconds: number;
}

/** The median of a histogram of approval times (counts per APPROVAL_BUCKETS bucket), or null without approvals. */
export function approvalMedian(histogram: readonly number[]): ApprovalMedian | null {
  const approvals = histogram.reduce((sum, count) => sum + count, 0);
  if (approvals === 0) return null;
  const half = approvals / 2;
  let before = 0;
  for (let index = 0; index < APPROVAL_BUCKETS.length; index++) {
    const count = histogram[index] ?? 0;
    if (count > 0 && before + count >= half) {
      const lower = index === 0 ? 0 : (APPROVAL_BUCKETS[index - 1] as number);
      const upper = APPROVAL_BUCKETS[index] as number;
      const open = !Number.isFinite(upper);
      return {
        approvals,
        lowerSeconds: lower,
        upperSeconds: open ? null : upper,
        estimateSeconds: open ? lower : Math.round(lower + ((upper - lower) * (half - before)) / count),
      };
    }
    before += count;
  }
  return null;
}

/** A counter item as read back: its sort key and numeric attributes. */
export type MetricItem = { sk: string } & Record<string, unknown>;

const num = (item: Record<string, unknown>, name: string): number => (typeof item[name] === 'number' ? (item[name] as number) : 0);

export interface MonthFigures {
  month: string;
  organisationsCreated: number;
  invitations: { sent: number; accepted: number; declined: number; revoked: number; expired: number };
  joinRequests: { created: number; approved: number; rejected: number; pending: number; medianTimeToApproval: ApprovalMedian | null };
  failedSignIns: number;
  orphanAccountsFound: number;
}

export interface PlatformFigures {
  months: MonthFigures[];
  totals: Omit<MonthFigures, 'month'>;
  current: { invitationsPending: number; joinRequestsPending: number; expiriesCountedUntil: string };
}

/** Every month from `from` to `to` (yyyy-mm), in order. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let key = from; key <= to; ) {
    months.push(key);
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
    key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  }
  return months;
}

/**
 * The dashboard's figures for the months `from`..`to`, from the counter items: every MONTH item (all history, for
 * the join requests still pending), the EVENTS items of the range, and the EXPIRY items from the range's first day
 * to 31 days after `now` (invitations live at most 30 days). Expiries are counted by the hour: an invitation whose
 * hour has fully passed by `now` and was neither accepted nor revoked before expiring is expired; one expiring later,
 * or earlier in the current hour, is pending. So "expired" and "pending" are exact as of the start of the current
 * hour (`expiriesCountedUntil`), and an invitation sent counts as exactly one of accepted, revoked, expired or pending.
 */
export function platformFigures(
  range: { from: string; to: string },
  items: { months: MetricItem[]; events: MetricItem[]; expiries: MetricItem[] },
  now: Date,
): PlatformFigures {
  const hourStart = `${now.toISOString().slice(0, 13)}:00:00.000Z`;
  const months = monthsBetween(range.from, range.to);
  const inRange = (bucket: string) => bucket >= range.from && bucket <= range.to;
  const zero = (): Record<string, number> => Object.fromEntries(months.map((m) => [m, 0]));
  const sums = new Map<string, Record<string, number>>();
  const add = (counter: string, month: string, value: number) => {
    const row = sums.get(counter) ?? zero();
    row[month] = (row[month] ?? 0) + value;
    sums.set(counter, row);
  };
  let joinRequestsPending = 0;
  for (const item of items.months) {
    const month = parseMetricSk(item.sk)?.bucket;
    if (!month) continue;
    joinRequestsPending += num(item, 'joinRequestsCreated') - num(item, 'joinRequestsResolved') - num(item, 'joinRequestsDropped');
    if (!inRange(month)) continue;
    for (const [name, value] of Object.entries(item)) if (typeof value === 'number') add(name, month, value);
  }
  for (const item of items.events) {
    const month = parseMetricSk(item.sk)?.bucket;
    if (!month || !inRange(month)) continue;
    for (const [name, value] of Object.entries(item)) if (typeof value === 'number') add(name, month, value);
  }
  let invitationsPending = 0;
  for (const item of items.expiries) {
    const day = parseMetricSk(item.sk)?.bucket;
    if (!day) continue;
    for (let hour = 0; hour < 24; hour++) {
      const hh = String(hour).padStart(2, '0');
      const open = num(item, `e${hh}`) - num(item, `w${hh}`);
      if (open === 0) continue;
      if (`${day}T${hh}:00:00.000Z` < hourStart) {
        if (inRange(day.slice(0, 7))) add('invitationsExpired', day.slice(0, 7), open);
      } else {
        invitationsPending += open;
      }
    }
  }
  const value = (counter: string, month: string) => sums.get(counter)?.[month] ?? 0;
  const histogram = (month: string) => APPROVAL_BUCKETS.map((_, index) => value(approvalCounter(index), month));
  const figures = (month: string): MonthFigures => ({
    month,
    organisationsCreated: value('organisationsCreated', month),
    invitations: {
      sent: value('invitationsSent', month),
      accepted: value('invitationsAccepted', month),
      declined: value('invitationsDeclined', month),
      revoked: value('invitationsRevoked', month),
      expired: value('invitationsExpired', month),
    },
    joinRequests: {
      created: value('joinRequestsCreated', month),
      approved: value('joinRequestsApproved', month),
      rejected: value('joinRequestsRejected', month),
      pending: value('joinRequestsCreated', month) - value('joinRequestsResolved', month) - value('joinRequestsDropped', month),
      medianTimeToApproval: approvalMedian(histogram(month)),
    },
    failedSignIns: value('failedSignIns', month),
    orphanAccountsFound: value('orphanAccountsFound', month),
  });
  const perMonth = months.map(figures);
  const total = (pick: (m: MonthFigures) => number) => perMonth.reduce((sum, m) => sum + pick(m), 0);
  const allHistograms = APPROVAL_BUCKETS.map((_, index) => months.reduce((sum, m) => sum + value(approvalCounter(index), m), 0));
  return {
    months: perMonth,
    totals: {
      organisationsCreated: total((m) => m.organisationsCreated),
      invitations: {
        sent: total((m) => m.invitations.sent),
        accepted: total((m) => m.invitations.accepted),
        declined: total((m) => m.invitations.declined),
        revoked: total((m) => m.invitations.revoked),
        expired: total((m) => m.invitations.expired),
      },
      joinRequests: {
        created: total((m) => m.joinRequests.created),
        approved: total((m) => m.joinRequests.approved),
        rejected: total((m) => m.joinRequests.rejected),
        pending: total((m) => m.joinRequests.pending),
        medianTimeToApproval: approvalMedian(allHistograms),
      },
      failedSignIns: total((m) => m.failedSignIns),
      orphanAccountsFound: total((m) => m.orphanAccountsFound),
    },
    current: { invitationsPending, joinRequestsPending, expiriesCountedUntil: hourStart },
  };
}

/** The longest range the dashboard answers for, in months. */
export const MAX_METRIC_MONTHS = 24;

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthAt = (index: number) => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/**
 * The months a dashboard request covers: `to` defaults to the current month, `from` to the 12 months ending at `to`
 * (or, given `from` alone, `to` is the current month). Either a range of at most MAX_METRIC_MONTHS, from ≤ to, or
 * the field at fault and why.
 */
export function metricsRange(
  query: { from?: string | undefined; to?: string | undefined },
  now: Date,
): { from: string; to: string } | { path: 'from' | 'to'; message: string } {
  const to = query.to ?? monthOf(now.toISOString());
  const from = query.from ?? monthAt(monthIndex(to) - 11);
  if (from > to) return { path: 'from', message: 'from must not be after to' };
  if (monthIndex(to) - monthIndex(from) >= MAX_METRIC_MONTHS) {
    return { path: query.from === undefined ? 'to' : 'from', message: `from and to must span at most ${MAX_METRIC_MONTHS} months` };
  }
  return { from, to };
}
