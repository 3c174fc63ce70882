// Organisation deletion jobs (domain/organisation-deletion.ts): the job item written with the DELETING mark, the
// due jobs (gsi1, never a Scan), a run's lease on a job, the segment pages it deletes and their checkpoints, and
// the final transaction. Every write of a run is conditional on its lease, so two runs never both work one job.
import { BatchWriteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, GSI1, isConditionFailure, TABLE } from '#adapters/dynamodb';
import type { AuditEntry } from '#domain/audit';
import { INVITATION_SK_PREFIX, invitationTokenGuardKey } from '#domain/invitation';
import { JOIN_REQUEST_SK_PREFIX } from '#domain/join-request';
import { organisationIdOfPk } from '#domain/keys';
import { MEMBER_SK_PREFIX, type Membership, membershipFromItem } from '#domain/membership';
import { invitationResolved, joinRequestDropped } from '#domain/metrics';
import { ORGANISATION_SK, type Organisation, organisationGuardKeys, organisationKey } from '#domain/organisation';
import {
  DELETION_LEASE_MS,
  DELETION_PAGE_SIZE,
  DELETION_QUEUE_GSI1PK,
  type DeletionJob,
  type DeletionSegment,
  deletionDueSk,
  deletionJobFromItem,
  deletionJobItem,
  deletionJobKey,
  segmentCondition,
  segmentName,
} from '#domain/organisation-deletion';
import { platformAuditWrite } from './audit.ts';
import { unlistedItem } from './directory.ts';
import { GUARD } from './guards.ts';
import { metricItems } from './metrics.ts';
import { conditionFailed, type NamedItem, putNew, transact } from './transactions.ts';

type Key = { pk: string; sk: string };

/**
 * Starts a deletion in ONE transaction: status ACTIVE → DELETING with who asked, the platform audit entry and the
 * job, due at once. From then on every member token is refused (authenticate accepts ACTIVE organisations only).
 */
export async function markDeleting(org: Organisation, job: DeletionJob, audit: AuditEntry): Promise<void> {
  await transact([
    {
      item: {
        Update: {
          TableName: TABLE,
          Key: organisationKey(org.id),
          UpdateExpression: 'SET #status = :deleting, deletion = :deletion, updatedAt = :now',
          ConditionExpression: '#status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':deleting': 'DELETING',
            ':active': 'ACTIVE',
            ':deletion': { requestedBy: job.requestedBy, requestedAt: job.requestedAt },
            ':now': job.requestedAt,
          },
        },
      },
      guard: GUARD.organisation,
    },
    // Its event (organisation.deleted) takes the id the job names, so the purge can wait for its deliveries.
    { ...platformAuditWrite(audit), ...(job.eventId ? { eventId: job.eventId } : {}) },
    { item: putNew(TABLE, deletionJobItem(job)), guard: GUARD.deletionLease },
    // A directory organisation (seed 002) leaves the public list at once, not when the worker reaches its entry.
    ...(org.number !== undefined ? [unlistedItem(org.id)] : []),
  ]);
}

export async function findDeletionJob(organisationId: string): Promise<DeletionJob | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: deletionJobKey(organisationId), ConsistentRead: true }));
  return Item ? deletionJobFromItem(Item) : undefined;
}

/** Up to `limit` jobs due at `now` (never started, released, or whose run stopped checkpointing), oldest first. */
export async function dueDeletionJobs(now: string, limit: number): Promise<DeletionJob[]> {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: GSI1,
      // '~' sorts after every character of an id: every job due at `now` or earlier.
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :due',
      ExpressionAttributeValues: { ':pk': DELETION_QUEUE_GSI1PK, ':due': `${now}~` },
      Limit: limit,
    }),
  );
  return (Items ?? []).map(deletionJobFromItem);
}

const leaseUntil = (nowMs: number) => new Date(nowMs + DELETION_LEASE_MS).toISOString();

/**
 * A run takes a due job: its due time moves one lease ahead and the run's token is set, on condition that the due
 * time is still the one read (no other run took it meanwhile). False when another run was first.
 */
export async function claimDeletionJob(job: DeletionJob, token: string, nowMs: number): Promise<boolean> {
  const due = leaseUntil(nowMs);
  try {
    await db.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: deletionJobKey(job.organisationId),
        UpdateExpression: 'SET leaseToken = :token, dueAt = :due, gsi1sk = :dueSk ADD runs :one',
        ConditionExpression: 'gsi1sk = :seen',
        ExpressionAttributeValues: {
          ':token': token,
          ':due': due,
          ':dueSk': deletionDueSk(due, job.organisationId),
          ':seen': deletionDueSk(job.dueAt, job.organisationId),
          ':one': 1,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The run lost its job: another run took it over (this one was too slow to checkpoint), or it finished. */
export class LostLease extends Error {
  constructor(options?: ErrorOptions) {
    super('The deletion job is held by another run', options);
    this.name = 'LostLease';
  }
}

async function leasedUpdate(organisationId: string, token: string, update: string, values: Record<string, unknown>, names = {}) {
  try {
    await db.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: deletionJobKey(organisationId),
        UpdateExpression: update,
        ConditionExpression: 'leaseToken = :token',
        ExpressionAttributeValues: { ...values, ':token': token },
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new LostLease({ cause: error });
    throw error;
  }
}

/**
 * Records a segment page: its last deleted key (or that the segment is done), the items it deleted, and the lease
 * renewed from `nowMs`. Throws LostLease when another run holds the job.
 */
export function checkpointSegment(
  organisationId: string,
  token: string,
  index: number,
  progress: { after?: string; done: boolean; deleted: number },
  nowMs: number,
): Promise<void> {
  const due = leaseUntil(nowMs);
  const sets = ['dueAt = :due', 'gsi1sk = :dueSk', '#segments.#segment = :progress'];
  return leasedUpdate(
    organisationId,
    token,
    `SET ${sets.join(', ')} ADD purged :deleted`,
    {
      ':due': due,
      ':dueSk': deletionDueSk(due, organisationId),
      ':progress': { ...(progress.after === undefined ? {} : { after: progress.after }), ...(progress.done ? { done: true } : {}) },
      ':deleted': progress.deleted,
    },
    { '#segments': 'segments', '#segment': segmentName(index) },
  );
}

/** Adds items the final pass deleted to the count, renewing the lease. */
export const countPurged = (organisationId: string, token: string, deleted: number, nowMs: number): Promise<void> => {
  const due = leaseUntil(nowMs);
  return leasedUpdate(organisationId, token, 'SET dueAt = :due, gsi1sk = :dueSk ADD purged :deleted', {
    ':due': due,
    ':dueSk': deletionDueSk(due, organisationId),
    ':deleted': deleted,
  });
};

/** The run stops (out of time, or waiting for the settle time): the job is due again at `dueAt`, for any run. */
export const releaseDeletionJob = (organisationId: string, token: string, dueAt: string): Promise<void> =>
  leasedUpdate(organisationId, token, 'SET dueAt = :due, gsi1sk = :dueSk REMOVE leaseToken', {
    ':due': dueAt,
    ':dueSk': deletionDueSk(dueAt, organisationId),
  });

/** One page of a segment after `after`: its items (the organisation item left out) and whether the segment goes on. */
export async function segmentPage(
  segment: DeletionSegment,
  after: string | undefined,
): Promise<{ items: Record<string, unknown>[]; last?: string; more: boolean }> {
  const condition = segmentCondition(segment);
  const page = await db.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: condition.expression,
      ExpressionAttributeValues: condition.values,
      ConsistentRead: true,
      Limit: DELETION_PAGE_SIZE,
      ...(after === undefined ? {} : { ExclusiveStartKey: { pk: segment.pk, sk: after } }),
    }),
  );
  const items = page.Items ?? [];
  const lastItem = items.at(-1);
  return {
    items: items.filter((item) => item.sk !== ORGANISATION_SK),
    ...(lastItem ? { last: String(lastItem.sk) } : {}),
    more: page.LastEvaluatedKey !== undefined,
  };
}

// BatchWriteItem takes at most 25 requests; unprocessed ones are retried with backoff before giving up.
const BATCH_WRITE_LIMIT = 25;
const BATCH_WRITE_ATTEMPTS = 8;

async function batchDelete(keys: Key[]): Promise<void> {
  for (let start = 0; start < keys.length; start += BATCH_WRITE_LIMIT) {
    let pending: Record<string, unknown>[] = keys.slice(start, start + BATCH_WRITE_LIMIT).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= BATCH_WRITE_ATTEMPTS) throw new Error('BatchWriteItem left unprocessed deletes');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const response = await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: pending } }));
      pending = (response.UnprocessedItems?.[TABLE] as Record<string, unknown>[] | undefined) ?? [];
    }
  }
}

/** The item's key plus any item outside the partition that only exists for it (an invitation's token guard). */
function keysToDelete(item: Record<string, unknown>): Key[] {
  const keys: Key[] = [{ pk: String(item.pk), sk: String(item.sk) }];
  if (String(item.sk).startsWith(INVITATION_SK_PREFIX) && typeof item.tokenHash === 'string') {
    keys.push(invitationTokenGuardKey(item.tokenHash));
  }
  return keys;
}

/**
 * A PENDING invitation or join request leaves the KPIs' "pending" counts when its organisation goes: it is deleted in a
 * small transaction of its own that counts it (an unexpired invitation as revoked, a join request as dropped), on
 * condition that it is still PENDING, so a resumed deletion never counts it twice. Undefined for any other item.
 */
function countedDeletion(item: Record<string, unknown>, now: string): NamedItem[] | undefined {
  const sk = String(item.sk);
  if (item.status !== 'PENDING') return undefined;
  const pending = {
    ConditionExpression: '#status = :pending',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':pending': 'PENDING' },
  };
  const key = { pk: String(item.pk), sk };
  if (sk.startsWith(INVITATION_SK_PREFIX) && typeof item.expiresAt === 'string' && item.expiresAt > now) {
    return [
      { item: { Delete: { TableName: TABLE, Key: key, ...pending } }, guard: GUARD.invitationState },
      ...(typeof item.tokenHash === 'string'
        ? [{ item: { Delete: { TableName: TABLE, Key: invitationTokenGuardKey(item.tokenHash) } } }]
        : []),
      ...metricItems(organisationIdOfPk(String(item.pk)) ?? '', invitationResolved({ expiresAt: item.expiresAt }, 'revoked', now), now),
    ];
  }
  if (sk.startsWith(JOIN_REQUEST_SK_PREFIX) && typeof item.createdAt === 'string') {
    return [
      { item: { Delete: { TableName: TABLE, Key: key, ...pending } }, guard: GUARD.joinRequestState },
      ...metricItems(organisationIdOfPk(String(item.pk)) ?? '', joinRequestDropped({ createdAt: item.createdAt }), now),
    ];
  }
  return undefined;
}

async function deleteCounted(items: NamedItem[]): Promise<void> {
  try {
    await transact(items);
  } catch (error) {
    // No longer PENDING (accepted, reviewed or already deleted meanwhile): a later pass deletes what is left.
    if (!conditionFailed(error, GUARD.invitationState, GUARD.joinRequestState)) throw error;
  }
}

/**
 * Deletes one page's items. Its memberships are given to `beforeDeletingMembers` first, so a failure part-way leaves
 * them (and their users' clean-up) for the next run. Idempotent: a page deleted again deletes nothing more.
 */
export async function deletePageItems(
  items: Record<string, unknown>[],
  now: string,
  beforeDeletingMembers: (memberships: Membership[]) => Promise<void>,
): Promise<void> {
  const memberships = items.filter((item) => String(item.sk).startsWith(MEMBER_SK_PREFIX)).map(membershipFromItem);
  if (memberships.length > 0) await beforeDeletingMembers(memberships);
  const counted = items.map((item) => countedDeletion(item, now));
  for (const transaction of counted) if (transaction) await deleteCounted(transaction);
  await batchDelete(items.filter((_, index) => !counted[index]).flatMap(keysToDelete));
}

/**
 * Finishes a deletion in ONE transaction: the organisation item (still DELETING), its name/slug/join-code guards
 * (only where they still name this organisation), the job (still this run's) and the platform audit entry.
 */
export async function finishDeletion(org: Organisation, token: string, audit: AuditEntry): Promise<void> {
  const ifOurs = {
    ConditionExpression: 'attribute_not_exists(pk) OR organisationId = :org',
    ExpressionAttributeValues: { ':org': org.id },
  };
  await transact([
    {
      item: {
        Delete: {
          TableName: TABLE,
          Key: organisationKey(org.id),
          ConditionExpression: '#status = :deleting',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':deleting': 'DELETING' },
        },
      },
      guard: GUARD.organisation,
    },
    ...organisationGuardKeys(org).map((Key) => ({
      item: { Delete: { TableName: TABLE, Key, ...ifOurs } },
      guard: GUARD.previousGuard,
    })),
    {
      item: {
        Delete: {
          TableName: TABLE,
          Key: deletionJobKey(org.id),
          ConditionExpression: 'leaseToken = :token',
          ExpressionAttributeValues: { ':token': token },
        },
      },
      guard: GUARD.deletionLease,
    },
    platformAuditWrite(audit),
  ]);
}
