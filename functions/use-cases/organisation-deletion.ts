// The organisation deletion worker (domain/organisation-deletion.ts): takes the due jobs, purges each organisation's
// segments in parallel with a checkpoint per page, then, once no request authorised before the DELETING mark can
// still write, and once the organisation.deleted event's webhook deliveries are done (its endpoints are kept until
// then), passes once more over whole partitions and finishes with one transaction. A run stops before its
// deadline and releases the job; a run that dies leaves it to the next run once its lease expires.
import { config } from '#core/config';
import { newId, nowIso } from '#core/ids';
import { logger } from '#core/logger';
import { retrySchedule } from '#core/webhook-config';
import { auditEntry } from '#domain/audit';
import type { Membership } from '#domain/membership';
import {
  type DeletionJob,
  deletionPartitions,
  FAREWELL_RECHECK_MS,
  farewellDelivered,
  heldForFarewell,
  pendingSegments,
  settledAt,
} from '#domain/organisation-deletion';
import { subscribes } from '#domain/webhook';
import { GUARD } from '#repositories/guards';
import {
  checkpointSegment,
  claimDeletionJob,
  countPurged,
  deletePageItems,
  dueDeletionJobs,
  findDeletionJob,
  finishDeletion,
  LostLease,
  releaseDeletionJob,
  segmentPage,
} from '#repositories/organisation-deletion';
import { clearCurrentOrganisation } from '#repositories/organisation-lifecycle';
import { getOrganisation as readOrganisation } from '#repositories/organisations';
import { conditionFailed } from '#repositories/transactions';
import { eventJobStatuses, organisationWebhooks } from '#webhooks/store';

/** Segments of one organisation walked at the same time. */
const SEGMENT_CONCURRENCY = 8;
// Users released per page run a few at a time (each is one conditional Update of their profile).
const RELEASE_CONCURRENCY = 8;
/** Jobs one run looks at; a run works them one after another until its deadline. */
const JOBS_PER_RUN = 10;
/** Final passes over whole partitions before giving up for this run (each finding nothing ends them). */
const MAX_FINAL_PASSES = 3;

async function inBatches<T>(values: T[], size: number, run: (value: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < values.length; start += size) await Promise.all(values.slice(start, start + size).map(run));
}

/**
 * What happens to a member's account when the organisation goes: if it was their current organisation, it is
 * forgotten, so their next token carries no organisation (never another of their memberships: nobody is landed in an
 * organisation they did not choose). The account itself stays. Idempotent, so a resumed page can run it again.
 */
const releaseMembers = (organisationId: string) => (memberships: Membership[]) =>
  inBatches(memberships, RELEASE_CONCURRENCY, (membership) => clearCurrentOrganisation(membership.userId, organisationId, nowIso()));

export interface DeletionRun {
  /** Jobs taken by this run. */
  taken: number;
  finished: number;
  /** Items this run deleted. */
  purged: number;
}

/** One scheduled run: works the due jobs until `deadlineMs` (epoch ms); `now` is the schedule's time. */
export async function runDeletions(now: Date, deadlineMs: number): Promise<DeletionRun> {
  const run: DeletionRun = { taken: 0, finished: 0, purged: 0 };
  const jobs = await dueDeletionJobs(now.toISOString(), JOBS_PER_RUN);
  for (const job of jobs) {
    if (Date.now() >= deadlineMs) break;
    const token = newId();
    if (!(await claimDeletionJob(job, token, now.getTime()))) continue;
    run.taken++;
    try {
      const outcome = await workJob(job, token, now, deadlineMs, run);
      if (outcome === 'finished') run.finished++;
    } catch (error) {
      // Another run took the job over (this one stalled past its lease): it carries on from the checkpoints. Any other
      // failure leaves the job to the run after its lease, from the same checkpoints; the other jobs go on.
      if (error instanceof LostLease)
        logger.warn('organisation deletion taken over by another run', { organisationId: job.organisationId });
      else logger.error('organisation deletion run failed', { organisationId: job.organisationId, error });
    }
  }
  return run;
}

/** Where `now` is the schedule's time and the clock moves on from it (a late run never acts earlier than now). */
const clockFrom = (now: Date) => {
  const offset = now.getTime() - Date.now();
  return () => Date.now() + offset;
};

async function workJob(job: DeletionJob, token: string, now: Date, deadlineMs: number, run: DeletionRun): Promise<'finished' | 'paused'> {
  const clock = clockFrom(now);
  const { organisationId } = job;
  const release = releaseMembers(organisationId);
  // The webhook endpoints and the organisation.deleted jobs stay until that event's deliveries are done (below).
  const { eventId } = job;
  const purgeable = (items: Record<string, unknown>[]) =>
    eventId === undefined ? items : items.filter((item) => !heldForFarewell(String(item.sk), eventId));
  let outOfTime = false;
  const pending = pendingSegments(job);
  let next = 0;
  const walker = async () => {
    for (let taken = next++; taken < pending.length; taken = next++) {
      const { index, segment } = pending[taken] as (typeof pending)[number];
      let after = pending[taken]?.after;
      for (;;) {
        if (Date.now() >= deadlineMs) {
          outOfTime = true;
          return;
        }
        const page = await segmentPage(segment, after);
        const items = purgeable(page.items);
        await deletePageItems(items, new Date(clock()).toISOString(), release);
        run.purged += items.length;
        after = page.last ?? after;
        await checkpointSegment(
          organisationId,
          token,
          index,
          { ...(after === undefined ? {} : { after }), done: !page.more, deleted: items.length },
          clock(),
        );
        if (!page.more) break;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SEGMENT_CONCURRENCY, pending.length) }, walker));
  if (outOfTime) {
    await releaseDeletionJob(organisationId, token, new Date(clock()).toISOString());
    logger.info('organisation deletion paused', { organisationId, purgedThisRun: run.purged });
    return 'paused';
  }
  // Every segment walked. A request authorised from the access cache just before the DELETING mark may still write:
  // the final pass waits until that window has closed (the job is released until then).
  const settled = settledAt(job, config.MEMBERSHIP_CACHE_TTL_MS);
  if (clock() < settled) {
    await releaseDeletionJob(organisationId, token, new Date(settled).toISOString());
    return 'paused';
  }
  // The organisation's subscribers hear organisation.deleted: its endpoints go only once those deliveries are done.
  if (eventId !== undefined && !(await farewellDone(job, eventId, clock()))) {
    await releaseDeletionJob(organisationId, token, new Date(clock() + FAREWELL_RECHECK_MS).toISOString());
    logger.info('organisation deletion waits for its organisation.deleted deliveries', { organisationId });
    return 'paused';
  }
  for (let pass = 0; ; pass++) {
    if (pass >= MAX_FINAL_PASSES || Date.now() >= deadlineMs) {
      await releaseDeletionJob(organisationId, token, new Date(clock()).toISOString());
      return 'paused';
    }
    let deleted = 0;
    for (const pk of deletionPartitions(organisationId)) {
      let after: string | undefined;
      for (;;) {
        const page = await segmentPage({ pk }, after);
        await deletePageItems(page.items, new Date(clock()).toISOString(), release);
        deleted += page.items.length;
        after = page.last ?? after;
        if (!page.more) break;
      }
    }
    if (deleted === 0) break;
    run.purged += deleted;
    await countPurged(organisationId, token, deleted, clock());
  }
  return finish(job, token);
}

/** Whether every organisation.deleted delivery is done (domain/organisation-deletion.ts farewellDelivered). */
async function farewellDone(job: DeletionJob, eventId: string, now: number): Promise<boolean> {
  const endpoints = await organisationWebhooks(job.organisationId);
  const subscribed = endpoints.filter((endpoint) => subscribes(endpoint, 'organisation.deleted')).map((endpoint) => endpoint.id);
  const jobs = await eventJobStatuses(job.organisationId, eventId, subscribed);
  return farewellDelivered({ endpoints, jobs, requestedAt: job.requestedAt, now, schedule: retrySchedule() });
}

async function finish(job: DeletionJob, token: string): Promise<'finished'> {
  const { organisationId } = job;
  // Read again: the guards to release are the organisation's current ones (its join code may have been rotated).
  const org = await readOrganisation(organisationId);
  const latest = await findDeletionJob(organisationId);
  const purged = latest?.purged ?? job.purged;
  if (!org) throw new Error(`organisation ${organisationId} is gone but its deletion job is not`);
  const audit = auditEntry({
    organisationId,
    action: 'organisation.deleted',
    actorId: job.requestedBy,
    target: organisationId,
    details: { nom: job.nom, itemsPurged: purged, runs: latest?.runs ?? job.runs },
  });
  try {
    await finishDeletion(org, token, audit);
  } catch (error) {
    if (conditionFailed(error, GUARD.deletionLease)) throw new LostLease({ cause: error });
    throw error;
  }
  logger.info('organisation deleted', { organisationId, itemsPurged: purged, requestedAt: job.requestedAt });
  return 'finished';
}
