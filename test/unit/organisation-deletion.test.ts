import { describe, expect, it } from 'vitest';
import { DEFAULT_JOIN_CODE_POLICY, type Organisation, organisationGuardKeys } from '#domain/organisation';
import {
  deletionJobFromItem,
  deletionJobItem,
  deletionPartitions,
  deletionSegments,
  FAREWELL_RECHECK_MS,
  farewellDelivered,
  heldForFarewell,
  newDeletionJob,
  pendingSegments,
  segmentCondition,
  settledAt,
} from '#domain/organisation-deletion';
import { patientNamePartitions } from '#domain/patient-search';
import {
  type DeliveryStatus,
  deliveryHorizonMs,
  deliveryJobKey,
  RETRY_DELAYS_SECONDS,
  type Webhook,
  webhookCounterKey,
  webhookKey,
} from '#domain/webhook';
import { organisationGuards } from '#repositories/organisations';

/** Whether a sort key falls in a segment, as DynamoDB's key condition would decide it. */
const inSegment = (segment: ReturnType<typeof deletionSegments>[number], sk: string) =>
  (segment.below === undefined || sk < segment.below) &&
  (segment.prefix === undefined || sk.startsWith(segment.prefix)) &&
  (segment.from === undefined || sk >= segment.from);

describe('deletion segments', () => {
  const segments = deletionSegments('org-1');

  it('cover every key of the ORG# partition exactly once, and each name-index partition whole', () => {
    const sks = ['AUDIT#2026', 'MEMBER#u1', 'ORGANISATION', 'PATIENT#0a1b', 'PATIENT#f9e8', 'PATIENT#7', 'ROLE#clerk', 'SUPPORT_GRANT'];
    for (const sk of sks) {
      const holding = segments.filter((segment) => segment.pk === 'ORG#org-1' && inSegment(segment, sk));
      expect(holding, sk).toHaveLength(1);
    }
    for (const pk of patientNamePartitions('org-1')) expect(segments.filter((segment) => segment.pk === pk)).toEqual([{ pk }]);
    expect(segments).toHaveLength(18 + patientNamePartitions('org-1').length);
  });

  it('keep every partition under the organisation ORG# prefix, the final pass reading each whole', () => {
    expect(deletionPartitions('org-1')).toEqual(['ORG#org-1', ...patientNamePartitions('org-1'), 'ORG#org-1#BUCKET']);
    for (const pk of deletionPartitions('org-1')) expect(pk.startsWith('ORG#org-1')).toBe(true);
    for (const segment of segments) expect(segment.pk.startsWith('ORG#org-1')).toBe(true);
  });

  it('turn into key conditions DynamoDB accepts (one range per Query)', () => {
    expect(segmentCondition({ pk: 'p', below: 'PATIENT#' })).toEqual({
      expression: 'pk = :pk AND sk < :below',
      values: { ':pk': 'p', ':below': 'PATIENT#' },
    });
    expect(segmentCondition({ pk: 'p', prefix: 'PATIENT#a' }).expression).toBe('pk = :pk AND begins_with(sk, :prefix)');
    expect(segmentCondition({ pk: 'p', from: 'PATIENT$' }).expression).toBe('pk = :pk AND sk >= :from');
    expect(segmentCondition({ pk: 'p' })).toEqual({ expression: 'pk = :pk', values: { ':pk': 'p' } });
  });
});

describe('deletion job', () => {
  const job = newDeletionJob({ organisationId: 'org-1', requestedBy: 'u1', requestedAt: '2026-12-07T10:00:00.000Z', nom: 'Cabinet' });

  it('starts with every segment pending, nothing purged, due at once on the queue', () => {
    expect(pendingSegments(job)).toHaveLength(deletionSegments('org-1').length);
    expect(job).toMatchObject({ purged: 0, runs: 0, dueAt: job.requestedAt });
    const item = deletionJobItem(job);
    expect(item).toMatchObject({ pk: 'ORG#org-1#DELETION', sk: 'JOB', gsi1pk: 'ORGDELETIONS', gsi1sk: `${job.requestedAt}#org-1` });
    expect(deletionJobFromItem(item)).toEqual(job);
  });

  it('resumes each segment after its checkpoint and skips the finished ones', () => {
    const resumed = { ...job, segments: { ...job.segments, s0: { done: true }, s3: { after: 'PATIENT#2f' } } };
    const pending = pendingSegments(resumed);
    expect(pending.map((entry) => entry.index)).not.toContain(0);
    expect(pending.find((entry) => entry.index === 3)).toMatchObject({ after: 'PATIENT#2f', segment: { prefix: 'PATIENT#2' } });
  });

  it('waits out the access cache before its final pass', () => {
    expect(settledAt(job, 5000)).toBe(Date.parse(job.requestedAt) + 6000);
  });
});

describe('the guards a deletion frees', () => {
  // Every guard an organisation's creation writes is freed by the deletion's last transaction, which deletes
  // organisationGuardKeys(org): a guard added to one and not the other would hold a name, a code or a number forever.
  const organisation = (extra: Partial<Organisation> = {}) =>
    ({
      id: 'org-1',
      nom: 'Clinique du Lac',
      nameKey: 'clinique du lac',
      slug: 'clinique-du-lac',
      code: '1234567890',
      joinCode: { ...DEFAULT_JOIN_CODE_POLICY },
      ...extra,
    }) as Organisation;
  const written = (org: Organisation) =>
    organisationGuards(org)
      .map(({ item }) => item.Put?.Item)
      .map((item) => ({ pk: String(item?.pk), sk: String(item?.sk) }));

  it.each([
    ['a cabinet', organisation(), ['ORGNAME#clinique du lac', 'ORGSLUG#clinique-du-lac', 'JOINCODE#1234567890']],
    [
      'a clinic with its temporary code and a licence number',
      organisation({
        licenseKey: 'finess 123',
        joinCode: { ...DEFAULT_JOIN_CODE_POLICY, temporaryCode: { code: 'LAC-TEMP-0A1B2C3D-0007', expiresAt: '2026-12-08T00:00:00.000Z' } },
      }),
      [
        'ORGNAME#clinique du lac',
        'ORGSLUG#clinique-du-lac',
        'JOINCODE#1234567890',
        'JOINCODE#LAC-TEMP-0A1B2C3D-0007',
        'ORGLICENSE#finess 123',
      ],
    ],
  ])('%s: the keys written at creation are the keys deleted at the end', (_name, org, pks) => {
    expect(written(org).map((key) => key.pk)).toEqual(pks);
    expect(organisationGuardKeys(org)).toEqual(written(org));
  });
});

describe('the organisation.deleted deliveries (the purge keeps the endpoints until they are done)', () => {
  const eventId = '01KBX5J0W4N8Q2S6V9Y3B5D7FG';
  const endpoint = (id: string, fields: Partial<Webhook> = {}): Webhook => ({
    id,
    organisationId: 'org-1',
    url: 'https://agenda.example.com/hooks',
    eventTypes: ['organisation.deleted', 'member.added'],
    status: 'ENABLED',
    secrets: { current: 'whsec_x' },
    createdAt: '2026-12-07T09:00:00Z',
    updatedAt: '2026-12-07T09:00:00Z',
    ...fields,
  });
  const requestedAt = '2026-12-07T10:00:00.000Z';
  const at = (seconds: number) => Date.parse(requestedAt) + seconds * 1000;
  const delivered = (endpoints: Webhook[], jobs: [string, DeliveryStatus][], now = at(30)) =>
    farewellDelivered({ endpoints, jobs: new Map(jobs), requestedAt, now, schedule: 'real' });

  it('holds the endpoints, their counter and the jobs of that event only', () => {
    expect(heldForFarewell(webhookKey('org-1', 'w1').sk, eventId)).toBe(true);
    expect(heldForFarewell(webhookCounterKey('org-1').sk, eventId)).toBe(true);
    expect(heldForFarewell(deliveryJobKey('org-1', 'w1', eventId).sk, eventId)).toBe(true);
    expect(heldForFarewell(deliveryJobKey('org-1', 'w1', '01KBX5J0W4N8Q2S6V9Y3B5D7FH').sk, eventId)).toBe(false);
    for (const sk of [`EVENT#${eventId}`, 'WHATTEMPT#w1#01KBX', 'MEMBER#u-1', 'ORGANISATION', 'PATIENT#abc', 'ROLE#NURSE'])
      expect(heldForFarewell(sk, eventId), sk).toBe(false);
  });

  it('is done when every endpoint that takes the event has its job, succeeded or failed for good', () => {
    const endpoints = [endpoint('w1'), endpoint('w2')];
    expect(
      delivered(endpoints, [
        ['w1', 'SUCCEEDED'],
        ['w2', 'FAILED'],
      ]),
    ).toBe(true);
    expect(
      delivered(endpoints, [
        ['w1', 'SUCCEEDED'],
        ['w2', 'PENDING'],
      ]),
    ).toBe(false);
    // The fan-out has not written w2's job yet (its stream read lags): not done.
    expect(delivered(endpoints, [['w1', 'SUCCEEDED']])).toBe(false);
  });

  it('waits for no endpoint that does not take the event: not subscribed, or disabled', () => {
    const endpoints = [endpoint('w1', { eventTypes: ['patient.created'] }), endpoint('w2', { status: 'DISABLED' })];
    expect(delivered(endpoints, [])).toBe(true);
    expect(delivered([], [])).toBe(true);
  });

  it('stops waiting once the whole retry schedule since the deletion began has passed', () => {
    const horizon = deliveryHorizonMs('real');
    const schedule = RETRY_DELAYS_SECONDS.reduce((sum: number, delay) => sum + delay, 0) * 1000;
    expect(horizon).toBeGreaterThan(schedule * 1.2);
    expect(horizon).toBeLessThan(schedule * 1.2 + 3600_000);
    const pending: [string, DeliveryStatus][] = [['w1', 'PENDING']];
    expect(delivered([endpoint('w1')], pending, Date.parse(requestedAt) + horizon - 1)).toBe(false);
    expect(delivered([endpoint('w1')], pending, Date.parse(requestedAt) + horizon)).toBe(true);
    expect(deliveryHorizonMs('compressed')).toBeLessThan(horizon);
    expect(FAREWELL_RECHECK_MS).toBeLessThanOrEqual(60_000);
  });

  it('names the event in the job it starts with', () => {
    const job = newDeletionJob({ organisationId: 'org-1', requestedBy: 'u-1', requestedAt, nom: 'Cabinet', eventId });
    expect(deletionJobFromItem(deletionJobItem(job)).eventId).toBe(eventId);
  });
});
