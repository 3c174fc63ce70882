// DynamoDB access for the pending account checks and the reconciliation job (domain/account-check.ts): writing a
// check with the work that can leave an orphan, removing it (only the attempt that wrote it, or the sweeper that
// read it), the due checks and jobs (gsi1 Queries, never a Scan), and the reconciliation's pages of organisations
// and memberships, walked from a cursor (the organisations' pages: organisation-walk.ts).
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, GSI1, isConditionFailure, TABLE } from '#adapters/dynamodb';
import {
  ACCOUNT_CHECK_SHARDS,
  type AccountCheck,
  accountCheckDueSk,
  accountCheckFromItem,
  accountCheckItem,
  accountCheckKey,
  accountCheckQueuePk,
  RECONCILE_LEASE_MS,
  RECONCILE_QUEUE_GSI1PK,
  type ReconcileJob,
  reconcileDueSk,
  reconcileJobFromItem,
  reconcileJobItem,
  reconcileJobKey,
} from '#domain/account-check';
import { organisationPk } from '#domain/keys';
import { MEMBER_SK_PREFIX, type Membership, membershipFromItem } from '#domain/membership';
import type { NamedItem } from './transactions.ts';

/** Writes (or replaces: a new attempt for the same username) the check, before the Cognito call it covers. */
export async function putAccountCheck(check: AccountCheck): Promise<void> {
  await db.send(new PutCommand({ TableName: TABLE, Item: accountCheckItem(check) }));
}

/** The same check as one item of a transaction (the account deletion's last one). */
export const accountCheckWrite = (check: AccountCheck): NamedItem => ({
  item: { Put: { TableName: TABLE, Item: accountCheckItem(check) } },
});

/** Removes the check if it is still the one `token` wrote (a later attempt's check stays). Idempotent. */
export async function removeAccountCheck(username: string, token: string): Promise<void> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: TABLE,
        Key: accountCheckKey(username),
        ConditionExpression: '#token = :token',
        ExpressionAttributeNames: { '#token': 'token' },
        ExpressionAttributeValues: { ':token': token },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** Moves the check's due time (the user was created again since it was written), if it is still the one read. */
export async function rescheduleAccountCheck(check: AccountCheck, dueAt: string): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: accountCheckKey(check.username),
        UpdateExpression: 'SET dueAt = :due, gsi1sk = :dueSk',
        ConditionExpression: '#token = :token',
        ExpressionAttributeNames: { '#token': 'token' },
        ExpressionAttributeValues: { ':due': dueAt, ':dueSk': accountCheckDueSk(dueAt, check.username), ':token': check.token },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** Up to `limit` checks due at `now` of one shard, oldest first. */
export async function dueAccountChecks(shard: number, now: string, limit: number): Promise<AccountCheck[]> {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: GSI1,
      // '~' sorts after every character of a username allowed here: every check due at `now` or earlier.
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :due',
      ExpressionAttributeValues: { ':pk': accountCheckQueuePk(shard), ':due': `${now}~` },
      Limit: limit,
    }),
  );
  return (Items ?? []).map(accountCheckFromItem);
}

export const ACCOUNT_CHECK_SHARD_IDS = Array.from({ length: ACCOUNT_CHECK_SHARDS }, (_, shard) => shard);

/** Asks for a reconciliation of `scope`, due at `dueAt`; one already asked for (or under way) is kept as it is. */
export async function requestReconcile(scope: string, dueAt: string): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: TABLE,
        Item: reconcileJobItem({ scope, dueAt, requestedAt: dueAt, checked: 0 }),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function findReconcileJob(scope: string): Promise<ReconcileJob | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: reconcileJobKey(scope), ConsistentRead: true }));
  return Item ? reconcileJobFromItem(Item) : undefined;
}

export async function dueReconcileJobs(now: string, limit: number): Promise<ReconcileJob[]> {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :due',
      ExpressionAttributeValues: { ':pk': RECONCILE_QUEUE_GSI1PK, ':due': `${now}~` },
      Limit: limit,
    }),
  );
  return (Items ?? []).map(reconcileJobFromItem);
}

const leaseUntil = (nowMs: number) => new Date(nowMs + RECONCILE_LEASE_MS).toISOString();

/** A run takes a due job: due one lease ahead, with the run's token, if no other run took it since it was read. */
export async function claimReconcileJob(job: ReconcileJob, token: string, nowMs: number): Promise<boolean> {
  const due = leaseUntil(nowMs);
  try {
    await db.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: reconcileJobKey(job.scope),
        UpdateExpression: 'SET leaseToken = :token, dueAt = :due, gsi1sk = :dueSk',
        ConditionExpression: 'gsi1sk = :seen',
        ExpressionAttributeValues: {
          ':token': token,
          ':due': due,
          ':dueSk': reconcileDueSk(due, job.scope),
          ':seen': reconcileDueSk(job.dueAt, job.scope),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The run's job was taken over by another run (this one stopped checkpointing for a lease). */
export class LostReconcileLease extends Error {
  constructor(options?: ErrorOptions) {
    super('The reconciliation job is held by another run', options);
    this.name = 'LostReconcileLease';
  }
}

export interface ReconcileCursor {
  organisationsAfter?: string | undefined;
  organisation?: string | undefined;
  organisationSk?: string | undefined;
  membersAfter?: string | undefined;
  poolToken?: string | undefined;
}

/**
 * Records the cursor and the accounts checked since the last checkpoint, and renews the lease (or, `release`, makes
 * the job due at once for the next run). Throws LostReconcileLease when another run holds it.
 */
export async function checkpointReconcile(
  job: ReconcileJob,
  token: string,
  cursor: ReconcileCursor,
  checked: number,
  nowMs: number,
  release = false,
): Promise<void> {
  const due = release ? new Date(nowMs).toISOString() : leaseUntil(nowMs);
  const sets = ['dueAt = :due', 'gsi1sk = :dueSk'];
  const removes = release ? ['leaseToken'] : [];
  const values: Record<string, unknown> = { ':due': due, ':dueSk': reconcileDueSk(due, job.scope), ':token': token, ':checked': checked };
  for (const field of ['organisationsAfter', 'organisation', 'organisationSk', 'membersAfter', 'poolToken'] as const) {
    const value = cursor[field];
    if (value === undefined) removes.push(field);
    else {
      sets.push(`${field} = :${field}`);
      values[`:${field}`] = value;
    }
  }
  try {
    await db.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: reconcileJobKey(job.scope),
        UpdateExpression: `SET ${sets.join(', ')} ADD checked :checked${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: 'leaseToken = :token',
        ExpressionAttributeValues: values,
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new LostReconcileLease({ cause: error });
    throw error;
  }
}

/** The walk is done: the job goes (still this run's). */
export async function finishReconcile(job: ReconcileJob, token: string): Promise<void> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: TABLE,
        Key: reconcileJobKey(job.scope),
        ConditionExpression: 'leaseToken = :token',
        ExpressionAttributeValues: { ':token': token },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new LostReconcileLease({ cause: error });
    throw error;
  }
}

/** A page of an organisation's memberships after `after` (a membership sort key). */
export async function membershipsPage(
  organisationId: string,
  after: string | undefined,
  limit: number,
): Promise<{ memberships: Membership[]; more: boolean }> {
  const pk = organisationPk(organisationId);
  const page = await db.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
      ExpressionAttributeValues: { ':pk': pk, ':member': MEMBER_SK_PREFIX },
      Limit: limit,
      ...(after ? { ExclusiveStartKey: { pk, sk: after } } : {}),
    }),
  );
  return { memberships: (page.Items ?? []).map(membershipFromItem), more: page.LastEvaluatedKey !== undefined };
}
