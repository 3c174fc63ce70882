// Outbox persistence: a mail job as a transaction item of the change it announces, the due jobs (GSI1, never a
// Scan), a sweeper's claim on a job, and the job's outcome. Every transition is conditional on the state the
// caller read, so two runs (the committing function and a sweeper, or two sweepers) never both act on one job.
import { BatchWriteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, db, GSI1, isConditionFailure, queryAll, TABLE } from '#adapters/dynamodb';
import { organisationPk } from '#domain/keys';
import {
  MAIL_FAILED_GSI1PK,
  MAIL_JOB_RETENTION_SECONDS,
  type MailJob,
  mailJobFromItem,
  mailJobItem,
  mailJobKey,
  mailQueuePk,
  mailQueueShard,
  mailQueueSk,
} from '#domain/mail';
import { MEMBER_SK_PREFIX, type Membership, membershipFromItem, membershipKey, rosterItem, rosterPrefix } from '#domain/membership';
import { BUILT_IN_ROLES, type Permission, permissionsOf } from '#domain/permissions';
import { ROLE_SK_PREFIX, roleFromItem } from '#domain/role';
import { ttlAt } from '#domain/ttl';
import { GUARD } from '#repositories/guards';
import { readCountedOrganisation } from '#repositories/organisation-counters';
import { type NamedItem, putNew } from '#repositories/transactions';

/** The job, as an item of the change's own transaction. */
export const mailJobWrite = (job: MailJob): NamedItem => ({ item: putNew(TABLE, mailJobItem(job)), guard: GUARD.mailJob });

/** Up to `limit` PENDING jobs of one shard whose next attempt is due at `now`, oldest first. */
export async function dueMailJobs(shard: number, now: string, limit: number): Promise<MailJob[]> {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: GSI1,
      // '~' sorts after every character of an id: every job due at `now` or earlier.
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :due',
      ExpressionAttributeValues: { ':pk': mailQueuePk(shard), ':due': `${now}~` },
      Limit: limit,
    }),
  );
  return (Items ?? []).map(mailJobFromItem);
}

const updateJob = async (job: MailJob, update: { set: Record<string, unknown>; remove?: string[]; seenNextAttemptAt?: boolean }) => {
  const names: Record<string, string> = { '#status': 'status', '#attempts': 'attempts' };
  const values: Record<string, unknown> = { ':pending': 'PENDING', ':attempts': job.attempts };
  const sets = Object.entries(update.set).map(([field, value], index) => {
    names[`#s${index}`] = field;
    values[`:s${index}`] = value;
    return `#s${index} = :s${index}`;
  });
  const removes = (update.remove ?? []).map((field, index) => {
    names[`#r${index}`] = field;
    return `#r${index}`;
  });
  let condition = '#status = :pending AND #attempts = :attempts';
  if (update.seenNextAttemptAt) {
    names['#next'] = 'nextAttemptAt';
    values[':seenNext'] = job.nextAttemptAt;
    condition += ' AND #next = :seenNext';
  }
  try {
    await db.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: mailJobKey(job.ownerPk, job.id),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/**
 * A sweeper takes a due job: its next attempt moves `claimSeconds` ahead, so no other run takes it meanwhile.
 * False when another run took it (or it changed) since it was read.
 */
export function claimMailJob(job: MailJob, now: Date, claimSeconds: number): Promise<boolean> {
  const next = new Date(now.getTime() + claimSeconds * 1000).toISOString();
  return updateJob(job, {
    set: { nextAttemptAt: next, gsi1sk: mailQueueSk(next, job.id), updatedAt: now.toISOString() },
    seenNextAttemptAt: true,
  });
}

/** Records a recipient as sent to, so a retry of the job skips them. */
export function recordDelivery(job: MailJob, recipient: string, now: Date): Promise<boolean> {
  return updateJob(job, { set: { deliveredTo: [...job.deliveredTo, recipient], updatedAt: now.toISOString() } });
}

const doneFields = (now: Date) => ({
  updatedAt: now.toISOString(),
  // TTL removes the record a week after the job is done.
  ...ttlAt(now.getTime() / 1000 + MAIL_JOB_RETENTION_SECONDS),
});

/** Every recipient was sent to: SENT, out of the queue, its link token and params removed, TTL set. */
export function markMailJobSent(job: MailJob, attempts: number, now: Date): Promise<boolean> {
  return updateJob(job, {
    set: { status: 'SENT', attempts, sentAt: now.toISOString(), ...doneFields(now) },
    remove: ['gsi1pk', 'gsi1sk', 'linkToken', 'params'],
  });
}

/** A failed attempt: back in the queue at `nextAttemptAt`, with the failure recorded (no secret in it). */
export function recordMailFailure(job: MailJob, attempts: number, lastError: string, nextAttemptAt: Date, now: Date): Promise<boolean> {
  const next = nextAttemptAt.toISOString();
  return updateJob(job, {
    set: {
      attempts,
      lastError,
      nextAttemptAt: next,
      gsi1pk: mailQueuePk(mailQueueShard(job.id)),
      gsi1sk: mailQueueSk(next, job.id),
      updatedAt: now.toISOString(),
    },
  });
}

/** The last attempt failed: FAILED, listed under MAILFAILED for operators, its link token and params removed. */
export function markMailJobFailed(job: MailJob, attempts: number, lastError: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  return updateJob(job, {
    set: { status: 'FAILED', attempts, lastError, failedAt: at, gsi1pk: MAIL_FAILED_GSI1PK, gsi1sk: `${at}#${job.id}`, ...doneFields(now) },
    remove: ['linkToken', 'params'],
  });
}

async function queryPrefix<T>(pk: string, prefix: string, fromItem: (item: Record<string, unknown>) => T): Promise<T[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
  });
  return items.map(fromItem);
}

/**
 * The ACTIVE members whose role holds `permission`, for resolving a notification's recipients: the custom roles (a
 * few items) say which roles hold it, each such role's roster (domain/membership.ts) lists its members, and their
 * memberships are read back (BatchGetItem) so only members who still hold the permission are answered. The reads grow
 * with the members notified, never with the organisation's size. The organisation id comes from a job the system
 * wrote in the change's transaction, never from a request.
 */
export async function membersHolding(organisationId: string, permission: Permission): Promise<string[]> {
  const pk = organisationPk(organisationId);
  const custom = await queryPrefix(pk, ROLE_SK_PREFIX, roleFromItem);
  const permissions = new Map(custom.map((role) => [role.name, role.permissions]));
  const holds = (role: string) => permissionsOf(role, permissions.get(role)).has(permission);
  const roles = [...Object.keys(BUILT_IN_ROLES), ...custom.map((role) => role.name)].filter(holds);
  const [rosters, admins, organisation] = await Promise.all([
    Promise.all(roles.map((role) => queryPrefix(pk, rosterPrefix(role), (item) => String(item.userId)))),
    roles.includes('ADMIN') ? Promise.resolve(undefined) : queryPrefix(pk, rosterPrefix('ADMIN'), (item) => String(item.userId)),
    readCountedOrganisation(organisationId),
  ]);
  let listed = [...new Set(rosters.flat())];
  // The organisation counts its ACTIVE ADMINs: fewer ADMIN entries than that means memberships older than the
  // roster. They are read once and the whole roster written, so the next notification reads the roster alone.
  const adminEntries = (admins ?? rosters[roles.indexOf('ADMIN')] ?? []).length;
  if (adminEntries < (organisation?.adminCount ?? 0)) listed = await backfillRoster(pk);
  const memberships: Membership[] = [];
  for (let start = 0; start < listed.length; start += 100) {
    const keys = listed.slice(start, start + 100).map((userId) => membershipKey(organisationId, userId));
    memberships.push(...(await batchGet(keys)).map(membershipFromItem));
  }
  return memberships.filter((m) => m.status === 'ACTIVE' && holds(m.role)).map((m) => m.userId);
}

/** Writes the roster of an organisation whose memberships predate it; answers its ACTIVE members. */
async function backfillRoster(pk: string): Promise<string[]> {
  const active = (await queryPrefix(pk, MEMBER_SK_PREFIX, membershipFromItem)).filter((m) => m.status === 'ACTIVE');
  for (let start = 0; start < active.length; start += 25) {
    let pending: Record<string, unknown>[] = active.slice(start, start + 25).map((m) => ({ PutRequest: { Item: rosterItem(m) } }));
    for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
      const response = await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: pending } }));
      pending = (response.UnprocessedItems?.[TABLE] as Record<string, unknown>[] | undefined) ?? [];
    }
  }
  return active.map((m) => m.userId);
}
