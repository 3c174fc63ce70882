// An organisation's deletion as a job (issue 20): DELETE answers 202 once the organisation is DELETING and this job
// item exists (one transaction); a worker run on a schedule (functions/jobs/organisation-deletion.ts) purges the
// organisation's partitions segment by segment, checkpointing each page, and finishes with the organisation item,
// its guards and the job in one transaction. The job is due on the gsi1 index (like the mail outbox): a run takes
// it by moving its due time one lease ahead, and every checkpoint moves it again; a run that dies (a crash, a
// timeout) stops moving it, so the job is due again a lease later and the next run resumes from its checkpoints.
//   pk ORG#<orgId>#DELETION   sk JOB   gsi1pk ORGDELETIONS   gsi1sk <due ISO time>#<orgId>
import { organisationPk } from './keys.ts';
import { patientNamePartitions } from './patient-search.ts';
import { bucketPk } from './tenant-bucket.ts';
import {
  DELIVERY_JOB_SK_PREFIX,
  type DeliveryStatus,
  deliveryHorizonMs,
  type RetrySchedule,
  subscribes,
  WEBHOOK_COUNTER_SK,
  WEBHOOK_SK_PREFIX,
  type Webhook,
} from './webhook.ts';

export const DELETION_QUEUE_GSI1PK = 'ORGDELETIONS';

export const deletionJobKey = (organisationId: string) => ({ pk: `${organisationPk(organisationId)}#DELETION`, sk: 'JOB' });

/** How long a run holds a job between two checkpoints before another run may take it over. */
export const DELETION_LEASE_MS = 120_000;

/** Items read (and deleted) per page of a segment: one checkpoint each. */
export const DELETION_PAGE_SIZE = 100;

/**
 * A part of the organisation's data that one Query walks in sort-key order, so its checkpoint is the last key it
 * deleted. `below`: keys under it; `prefix`: keys that start with it; `from`: keys from it on; none: the whole
 * partition.
 */
export interface DeletionSegment {
  pk: string;
  below?: string;
  prefix?: string;
  from?: string;
}

const PATIENT_SK_PREFIX = 'PATIENT#';
// Patient ids are UUIDs from the CSPRNG (core/ids.ts): their first hex digit splits the patients into 16 segments
// of about equal size that run in parallel. '$' is the character after '#': `PATIENT$` sorts after every patient.
const HEX = '0123456789abcdef';

/**
 * The segments of an organisation, in a fixed order (the job's progress is indexed by it): its ORG# partition in 18
 * (the items before the patients, the patients by first hex digit, the items after them) and each partition of its
 * patients' name index. Anything the split misses (a patient id of another shape) is found by the final pass over
 * whole partitions (deletionPartitions).
 */
export function deletionSegments(organisationId: string): DeletionSegment[] {
  const pk = organisationPk(organisationId);
  return [
    { pk, below: PATIENT_SK_PREFIX },
    ...[...HEX].map((digit) => ({ pk, prefix: `${PATIENT_SK_PREFIX}${digit}` })),
    { pk, from: 'PATIENT$' },
    ...patientNamePartitions(organisationId).map((namePk) => ({ pk: namePk })),
  ];
}

/** Every partition the organisation's items live in (the final pass reads each whole). */
export const deletionPartitions = (organisationId: string): string[] => [
  organisationPk(organisationId),
  ...patientNamePartitions(organisationId),
  // The tenant's write bucket: a few counter items that TTL would delete within two days anyway.
  bucketPk(organisationId),
];

/** The key condition of a segment's Query. */
export function segmentCondition(segment: DeletionSegment): { expression: string; values: Record<string, string> } {
  const values: Record<string, string> = { ':pk': segment.pk };
  if (segment.below !== undefined) return { expression: 'pk = :pk AND sk < :below', values: { ...values, ':below': segment.below } };
  if (segment.prefix !== undefined)
    return { expression: 'pk = :pk AND begins_with(sk, :prefix)', values: { ...values, ':prefix': segment.prefix } };
  if (segment.from !== undefined) return { expression: 'pk = :pk AND sk >= :from', values: { ...values, ':from': segment.from } };
  return { expression: 'pk = :pk', values };
}

/** Where one segment stands: the last key deleted (`after`), and `done` once its Query reached the end. */
export interface SegmentProgress {
  after?: string;
  done?: boolean;
}

export interface DeletionJob {
  organisationId: string;
  requestedBy: string;
  requestedAt: string;
  /** The organisation's name, for the audit entry that outlives it. */
  nom: string;
  /** Progress by segment index ("s0", "s1", …: deletionSegments' order). */
  segments: Record<string, SegmentProgress>;
  /** Items deleted so far (a crash between a page's deletes and its checkpoint may leave a few uncounted). */
  purged: number;
  /** The runs that took the job. */
  runs: number;
  /** The due time on the index: when a run may take the job. */
  dueAt: string;
  /** The run holding the job (until dueAt). */
  leaseToken?: string;
  /**
   * The id of the `organisation.deleted` event written with the DELETING mark: the purge keeps the webhook endpoints
   * and that event's delivery jobs until its deliveries are done (farewellDelivered). Absent on jobs started before.
   */
  eventId?: string;
}

export const segmentName = (index: number): string => `s${index}`;

export const deletionDueSk = (dueAt: string, organisationId: string): string => `${dueAt}#${organisationId}`;

/** The job a deletion starts with: nothing purged, every segment to walk, due at once. */
export function newDeletionJob(fields: {
  organisationId: string;
  requestedBy: string;
  requestedAt: string;
  nom: string;
  eventId?: string;
}): DeletionJob {
  const segments = Object.fromEntries(deletionSegments(fields.organisationId).map((_, index) => [segmentName(index), {}]));
  return { ...fields, segments, purged: 0, runs: 0, dueAt: fields.requestedAt };
}

export const deletionJobItem = (job: DeletionJob) => ({
  ...deletionJobKey(job.organisationId),
  type: 'OrganisationDeletion',
  gsi1pk: DELETION_QUEUE_GSI1PK,
  gsi1sk: deletionDueSk(job.dueAt, job.organisationId),
  ...job,
});

export function deletionJobFromItem(item: Record<string, unknown>): DeletionJob {
  const { pk: _pk, sk: _sk, type: _type, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ...job } = item;
  return job as unknown as DeletionJob;
}

/** The segments still to walk, with their index and where each resumes. */
export const pendingSegments = (job: DeletionJob): { index: number; segment: DeletionSegment; after?: string }[] =>
  deletionSegments(job.organisationId).flatMap((segment, index) => {
    const progress = job.segments[segmentName(index)] ?? {};
    if (progress.done) return [];
    return [{ index, segment, ...(progress.after === undefined ? {} : { after: progress.after }) }];
  });

/**
 * When the final pass may run: once no request authorised before the DELETING mark can still write. Access is
 * cached per container for up to `cacheMs` (ADR 0004), plus a margin.
 */
export const settledAt = (job: Pick<DeletionJob, 'requestedAt'>, cacheMs: number): number => Date.parse(job.requestedAt) + cacheMs + 1000;

/** How soon a run waiting for the `organisation.deleted` deliveries looks again. */
export const FAREWELL_RECHECK_MS = 15_000;

/**
 * The items the purge leaves until the `organisation.deleted` deliveries are done: the webhook endpoints (which hold
 * the URLs and signing secrets an attempt needs), their counter, and that event's delivery jobs. The rest of the
 * organisation — its other events and their pending jobs included — goes at once.
 */
export const heldForFarewell = (sk: string, eventId: string): boolean =>
  sk.startsWith(WEBHOOK_SK_PREFIX) || sk === WEBHOOK_COUNTER_SK || (sk.startsWith(DELIVERY_JOB_SK_PREFIX) && sk.endsWith(`#${eventId}`));

/**
 * Whether the `organisation.deleted` event has been delivered as far as it will be, so the endpoints may go: every
 * endpoint that takes it (enabled and subscribed: what the fan-out sends to) has its job, and the job is done
 * (SUCCEEDED, or FAILED after its last retry). A job not written yet (the stream read behind) or still PENDING
 * holds the purge — until the schedule's whole horizon since the deletion began has passed, after which nothing
 * more could be attempted (a stream record dropped for good must not hold a deletion forever).
 */
export function farewellDelivered(input: {
  endpoints: readonly Webhook[];
  /** The event's jobs by endpoint id. */
  jobs: ReadonlyMap<string, DeliveryStatus>;
  requestedAt: string;
  now: number;
  schedule: RetrySchedule;
}): boolean {
  if (input.now >= Date.parse(input.requestedAt) + deliveryHorizonMs(input.schedule)) return true;
  return input.endpoints
    .filter((endpoint) => subscribes(endpoint, 'organisation.deleted'))
    .every((endpoint) => {
      const status = input.jobs.get(endpoint.id);
      return status === 'SUCCEEDED' || status === 'FAILED';
    });
}
