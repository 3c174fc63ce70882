// The KPI arithmetic (domain/metrics.ts): what each change adds to which counter, how "expired" and "pending" are
// derived from the expiry buckets, the approval-time median, the month range, and the merge of one transaction's
// KPI records (repositories/transactions.ts) and the sums the stream's counter adds.
import { describe, expect, it } from 'vitest';
import {
  APPROVAL_BUCKETS,
  approvalBucket,
  approvalCounter,
  approvalMedian,
  invitationResolved,
  invitationSent,
  joinRequestReviewed,
  KPI_RECORD_TYPE,
  kpiMarkerKey,
  kpiRecordFromItem,
  kpiRecordItem,
  METRIC_PARTITIONS,
  METRICS_PK,
  type MetricIncrement,
  type MetricItem,
  metricKey,
  metricPartitions,
  metricsRange,
  monthly,
  monthsBetween,
  platformFigures,
  SHARDS,
  sumIncrements,
} from '#domain/metrics';
import { mergeKpiRecords, type NamedItem } from '#repositories/transactions';

const item = (sk: string, counters: Record<string, number>): MetricItem => ({ sk, ...counters });

describe('counter increments', () => {
  it('counts an invitation as sent in its creation month and as expiring in its expiry hour', () => {
    expect(invitationSent({ createdAt: '2026-11-30T22:10:00.000Z', expiresAt: '2026-12-03T22:10:00.000Z' })).toEqual([
      { family: 'MONTH', bucket: '2026-11', add: { invitationsSent: 1 } },
      { family: 'EXPIRY', bucket: '2026-12-03', add: { e22: 1 } },
    ]);
  });

  it('withdraws an invitation from its expiry hour only when it is resolved before expiring', () => {
    const invitation = { expiresAt: '2026-12-03T22:10:00.000Z' };
    expect(invitationResolved(invitation, 'accepted', '2026-12-01T08:00:00.000Z')).toEqual([
      { family: 'MONTH', bucket: '2026-12', add: { invitationsAccepted: 1 } },
      { family: 'EXPIRY', bucket: '2026-12-03', add: { w22: 1 } },
    ]);
    expect(invitationResolved(invitation, 'declined', '2026-12-02T08:00:00.000Z')).toEqual([
      { family: 'MONTH', bucket: '2026-12', add: { invitationsDeclined: 1 } },
      { family: 'EXPIRY', bucket: '2026-12-03', add: { w22: 1 } },
    ]);
    // Revoked after it expired: it did expire, and stays counted so.
    expect(invitationResolved(invitation, 'revoked', '2026-12-04T08:00:00.000Z')).toEqual([
      { family: 'MONTH', bucket: '2026-12', add: { invitationsRevoked: 1 } },
    ]);
  });

  it('counts an approval in its month with the time waited, and the resolution in the request’s own month', () => {
    const request = { createdAt: '2026-10-31T23:00:00.000Z' };
    expect(joinRequestReviewed(request, 'approved', '2026-11-01T01:30:00.000Z')).toEqual([
      { family: 'MONTH', bucket: '2026-11', add: { joinRequestsApproved: 1, [approvalCounter(approvalBucket(9000))]: 1 } },
      { family: 'MONTH', bucket: '2026-10', add: { joinRequestsResolved: 1 } },
    ]);
    expect(joinRequestReviewed(request, 'rejected', '2026-11-01T01:30:00.000Z')[0]).toEqual({
      family: 'MONTH',
      bucket: '2026-11',
      add: { joinRequestsRejected: 1 },
    });
  });
});

describe('approval-time median', () => {
  it('puts a duration in the bucket whose bounds enclose it', () => {
    expect(approvalBucket(0)).toBe(0);
    expect(approvalBucket(59.9)).toBe(0);
    expect(approvalBucket(60)).toBe(1);
    expect(approvalBucket(86_399)).toBe(9);
    expect(approvalBucket(10 ** 9)).toBe(APPROVAL_BUCKETS.length - 1);
  });

  it('gives the bucket holding the middle approval, and an interpolated estimate within it', () => {
    const histogram = APPROVAL_BUCKETS.map(() => 0);
    histogram[0] = 1; // < 1 min
    histogram[4] = 2; // 30 min – 1 h
    histogram[9] = 1; // 12 h – 1 day
    expect(approvalMedian(histogram)).toEqual({ approvals: 4, lowerSeconds: 1_800, upperSeconds: 3_600, estimateSeconds: 2_700 });
  });

  it('is null without approvals, and open-ended past the last bound', () => {
    expect(approvalMedian(APPROVAL_BUCKETS.map(() => 0))).toBeNull();
    const late = APPROVAL_BUCKETS.map((_, index) => (index === APPROVAL_BUCKETS.length - 1 ? 3 : 0));
    expect(approvalMedian(late)).toEqual({ approvals: 3, lowerSeconds: 2_592_000, upperSeconds: null, estimateSeconds: 2_592_000 });
  });
});

describe('platformFigures', () => {
  const now = new Date('2026-11-24T09:41:00.000Z');
  const range = { from: '2026-10', to: '2026-11' };

  it('sums the shards of each month and keeps months apart', () => {
    const figures = platformFigures(
      range,
      {
        months: [
          item('MONTH#2026-10#0', { organisationsCreated: 2, invitationsSent: 1 }),
          item('MONTH#2026-11#3', { organisationsCreated: 1, invitationsAccepted: 1 }),
          item('MONTH#2026-11#7', { organisationsCreated: 4 }),
          item('MONTH#2026-09#1', { organisationsCreated: 9 }),
        ],
        events: [item('EVENTS#2026-11#12', { failedSignIns: 5 }), item('EVENTS#2026-11#2', { failedSignIns: 2, orphanAccountsFound: 1 })],
        expiries: [],
      },
      now,
    );
    expect(figures.months.map((m) => [m.month, m.organisationsCreated, m.failedSignIns, m.orphanAccountsFound])).toEqual([
      ['2026-10', 2, 0, 0],
      ['2026-11', 5, 7, 1],
    ]);
    expect(figures.totals.organisationsCreated).toBe(7);
    expect(figures.totals.invitations).toEqual({ sent: 1, accepted: 1, declined: 0, revoked: 0, expired: 0 });
  });

  it('counts as expired what an hour that has fully passed still holds, and as pending the rest, exactly to the hour', () => {
    const figures = platformFigures(
      range,
      {
        months: [],
        events: [],
        expiries: [
          // 2 expired on 20 October at 14:xx (3 expiring, 1 accepted before).
          item('EXPIRY#2026-10-20#0', { e14: 3, w14: 1 }),
          // Today: one expired at 08:xx, one expiring in the current hour (09:xx, still pending), one at 17:xx.
          item('EXPIRY#2026-11-24#1', { e08: 1, e09: 1 }),
          item('EXPIRY#2026-11-24#3', { e17: 1 }),
          // Next week: two sent, one revoked before expiring.
          item('EXPIRY#2026-12-01#2', { e10: 2, w10: 1 }),
        ],
      },
      now,
    );
    expect(figures.months.map((m) => [m.month, m.invitations.expired])).toEqual([
      ['2026-10', 2],
      ['2026-11', 1],
    ]);
    expect(figures.current).toEqual({
      invitationsPending: 3,
      joinRequestsPending: 0,
      expiriesCountedUntil: '2026-11-24T09:00:00.000Z',
    });
  });

  it('keeps every invitation in exactly one state: sent = accepted + declined + revoked + expired + pending', () => {
    // Five invitations sent in November: one accepted and one declined (withdrawn), one revoked before expiry, one
    // expired, one pending.
    const figures = platformFigures(
      { from: '2026-11', to: '2026-11' },
      {
        months: [
          item('MONTH#2026-11#0', { invitationsSent: 5, invitationsAccepted: 1, invitationsRevoked: 1 }),
          item('MONTH#2026-11#3', { invitationsDeclined: 1 }),
        ],
        events: [],
        expiries: [item('EXPIRY#2026-11-10#0', { e03: 4, w03: 3 }), item('EXPIRY#2026-11-27#0', { e12: 1 })],
      },
      now,
    );
    const { sent, accepted, declined, revoked, expired } = figures.totals.invitations;
    expect([sent, accepted, declined, revoked, expired, figures.current.invitationsPending]).toEqual([5, 1, 1, 1, 1, 1]);
    expect(accepted + declined + revoked + expired + figures.current.invitationsPending).toBe(sent);
  });

  it('counts pending join requests by the month they were created in, over the whole history', () => {
    const figures = platformFigures(
      range,
      {
        months: [
          item('MONTH#2025-01#0', { joinRequestsCreated: 2, joinRequestsResolved: 1 }),
          item('MONTH#2026-11#0', { joinRequestsCreated: 4, joinRequestsResolved: 1, joinRequestsDropped: 1, joinRequestsApproved: 2 }),
          item('MONTH#2026-11#5', { [approvalCounter(0)]: 1, [approvalCounter(2)]: 1, joinRequestsRejected: 1 }),
        ],
        events: [],
        expiries: [],
      },
      now,
    );
    const november = figures.months[1]?.joinRequests;
    expect(november).toMatchObject({ created: 4, approved: 2, rejected: 1, pending: 2 });
    expect(november?.medianTimeToApproval).toMatchObject({ approvals: 2, lowerSeconds: 0, upperSeconds: 60 });
    expect(figures.current.joinRequestsPending).toBe(3);
  });
});

describe('metricsRange', () => {
  const now = new Date('2026-11-24T09:41:00.000Z');

  it('defaults to the 12 months ending with the current one, and accepts up to 24 months', () => {
    expect(metricsRange({}, now)).toEqual({ from: '2025-12', to: '2026-11' });
    expect(metricsRange({ from: '2026-11' }, now)).toEqual({ from: '2026-11', to: '2026-11' });
    expect(metricsRange({ to: '2026-03' }, now)).toEqual({ from: '2025-04', to: '2026-03' });
    expect(metricsRange({ from: '2024-12', to: '2026-11' }, now)).toEqual({ from: '2024-12', to: '2026-11' });
  });

  it('refuses a range that runs backwards or spans more than 24 months, naming the field', () => {
    expect(metricsRange({ from: '2026-11', to: '2026-10' }, now)).toEqual({ path: 'from', message: 'from must not be after to' });
    expect(metricsRange({ from: '2024-11', to: '2026-11' }, now)).toEqual({
      path: 'from',
      message: 'from and to must span at most 24 months',
    });
    expect(metricsRange({ from: '2027-01' }, now)).toEqual({ path: 'from', message: 'from must not be after to' });
  });

  it('lists the months of a range across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('KPI records (written in the change, counted from the stream)', () => {
  const record = (organisationId: string, increments: MetricIncrement[]): NamedItem => ({
    item: { Put: { TableName: 't', Item: { pk: `ORG#${organisationId}`, sk: 'KPI#x' } } },
    kpi: { organisationId, id: `01J${organisationId}`, increments, at: '2026-11-27T09:00:00.000Z' },
  });

  it('lives in the organisation partition the change writes, with its increments, and expires after a day', () => {
    const item = kpiRecordItem({
      organisationId: 'org-1',
      id: '01JABC',
      increments: [monthly('2026-11-27T09:00:00.000Z', { organisationsCreated: 1 })],
      at: '2026-11-27T09:00:00.000Z',
    });
    expect(item).toMatchObject({ pk: 'ORG#org-1', sk: 'KPI#01JABC', type: KPI_RECORD_TYPE });
    expect(item.ttl).toBe(Date.parse('2026-11-28T09:00:00.000Z') / 1000);
    expect(kpiRecordFromItem(item)).toEqual({
      organisationId: 'org-1',
      id: '01JABC',
      increments: [{ family: 'MONTH', bucket: '2026-11', add: { organisationsCreated: 1 } }],
      at: '2026-11-27T09:00:00.000Z',
    });
    expect(kpiMarkerKey({ organisationId: 'org-1', id: '01JABC' })).toEqual({ pk: 'KPICOUNTED#org-1#01JABC', sk: 'MARKER' });
  });

  it('merges the records of one organisation in one transaction into the first, and leaves other items alone', () => {
    const other: NamedItem = { item: { Put: { TableName: 't', Item: { pk: 'a', sk: 'b' } } } };
    const merged = mergeKpiRecords([
      record('org-1', [{ family: 'MONTH', bucket: '2026-11', add: { invitationsSent: 1 } }]),
      other,
      record('org-1', [{ family: 'EXPIRY', bucket: '2026-11-30', add: { e09: 1 } }]),
      record('org-2', [{ family: 'MONTH', bucket: '2026-11', add: { organisationsCreated: 1 } }]),
    ]);
    expect(merged).toHaveLength(3);
    expect(merged[0]?.kpi?.increments).toEqual([
      { family: 'MONTH', bucket: '2026-11', add: { invitationsSent: 1 } },
      { family: 'EXPIRY', bucket: '2026-11-30', add: { e09: 1 } },
    ]);
    expect(merged[0]?.item.Put?.Item).toMatchObject({ pk: 'ORG#org-1', sk: 'KPI#01Jorg-1', increments: merged[0]?.kpi?.increments });
    expect(merged[1]).toBe(other);
    expect(merged[2]?.kpi?.organisationId).toBe('org-2');
  });

  it('sums the increments of many records into one update per family and bucket', () => {
    expect(
      sumIncrements([
        { family: 'MONTH', bucket: '2026-11', add: { invitationsSent: 1 } },
        { family: 'EXPIRY', bucket: '2026-11-30', add: { e09: 1 } },
        { family: 'MONTH', bucket: '2026-11', add: { invitationsSent: 2, organisationsCreated: 1 } },
        { family: 'MONTH', bucket: '2026-10', add: { joinRequestsResolved: 1 } },
      ]),
    ).toEqual([
      { family: 'MONTH', bucket: '2026-11', add: { invitationsSent: 3, organisationsCreated: 1 } },
      { family: 'EXPIRY', bucket: '2026-11-30', add: { e09: 1 } },
      { family: 'MONTH', bucket: '2026-10', add: { joinRequestsResolved: 1 } },
    ]);
    expect(sumIncrements([])).toEqual([]);
  });
});

describe('where the counters are kept', () => {
  it('spreads every family over several partition keys, never the one former partition', () => {
    for (const family of ['MONTH', 'EXPIRY', 'EVENTS'] as const) {
      const pks = new Set(Array.from({ length: SHARDS[family] }, (_, shard) => metricKey(family, '2026-12', shard).pk));
      expect(pks.size, family).toBe(Math.min(SHARDS[family], METRIC_PARTITIONS));
      expect(pks.has(METRICS_PK)).toBe(false);
    }
    expect(metricKey('EVENTS', '2026-12', 13)).toEqual({ pk: `${METRICS_PK}#5`, sk: 'EVENTS#2026-12#13' });
  });

  it('reads each family from the partitions its shards are in, and from the former one (its history)', () => {
    expect(metricPartitions('MONTH')).toHaveLength(METRIC_PARTITIONS + 1);
    expect(metricPartitions('EXPIRY')).toEqual([`${METRICS_PK}#0`, `${METRICS_PK}#1`, `${METRICS_PK}#2`, `${METRICS_PK}#3`, METRICS_PK]);
    for (const family of ['MONTH', 'EXPIRY', 'EVENTS'] as const) {
      for (let shard = 0; shard < SHARDS[family]; shard++) expect(metricPartitions(family)).toContain(metricKey(family, 'x', shard).pk);
    }
  });
});
