// Pending account checks (issue 20): the account sweeper visits only these, never the whole pool. A check says "the
// Cognito user of this username may be an orphan from <dueAt> on" and is written with the work that can leave one:
// - before AdminCreateUser (use-cases/accounts.ts withNewAccount), due once the user would be old enough to be an
//   orphan for certain (ORPHAN_MIN_AGE_SECONDS); removed by the account's own transaction (one of its items), or
//   once the compensation deleted the user;
// - in the account deletion's last DynamoDB transaction (the profile and the USERNAME# guard go, the Cognito user is
//   deleted after it: use-cases/account-deletion.ts), removed once the Cognito user is gone.
// A check whose work finished is removed by that work; one left by a function that died is handled by the sweeper:
// the user is deleted if it is an orphan (domain/orphans.ts isOrphan), then the check is removed. A compensation or
// the sweeper removes a check only while it holds the token they read, so neither removes a later attempt's check
// for the same username. The account's transaction removes it whatever its token: once that account's Cognito user
// exists, no other attempt for the username can create one (it is refused as taken), so no check is lost.
// Checks sit on gsi1 only while pending (the item is deleted once handled), spread over ACCOUNT_CHECK_SHARDS
// partitions by a hash of the username, as the mail outbox's queue is:
//   pk ACCOUNTCHECK#<username>   sk CHECK   gsi1pk ACCOUNTCHECKS#<0-3>   gsi1sk <due ISO time>#<username>
// The reconciliation of accounts deleted from Cognito outside the API, which no code of ours can mark, is a job of
// its own, with a cursor (RECONCILE_JOB below), due only when asked for (daily deployed, or by an operator).
import { createHash } from 'node:crypto';
import { organisationIdOfPk, organisationPk } from './keys.ts';

export const ACCOUNT_CHECK_SHARDS = 4;
export const ACCOUNT_CHECK_SK = 'CHECK';

export interface AccountCheck {
  username: string;
  /** When the Cognito user, if it is an orphan, is old enough to be one for certain (ISO). */
  dueAt: string;
  /** The attempt that wrote it: only that attempt (or the sweeper, having read it) removes it. */
  token: string;
  /** What wrote it: an account being created, or an account being deleted. */
  reason: 'creation' | 'deletion';
}

export const accountCheckKey = (username: string) => ({ pk: `ACCOUNTCHECK#${username}`, sk: ACCOUNT_CHECK_SK });

export const accountCheckShard = (username: string): number =>
  Number.parseInt(createHash('sha256').update(username).digest('hex').slice(0, 4), 16) % ACCOUNT_CHECK_SHARDS;

export const accountCheckQueuePk = (shard: number) => `ACCOUNTCHECKS#${shard}`;
export const accountCheckDueSk = (dueAt: string, username: string) => `${dueAt}#${username}`;

export const accountCheckItem = (check: AccountCheck) => ({
  ...accountCheckKey(check.username),
  gsi1pk: accountCheckQueuePk(accountCheckShard(check.username)),
  gsi1sk: accountCheckDueSk(check.dueAt, check.username),
  type: 'AccountCheck',
  ...check,
});

export function accountCheckFromItem(item: Record<string, unknown>): AccountCheck {
  return {
    username: String(item.username),
    dueAt: String(item.dueAt),
    token: String(item.token),
    reason: item.reason === 'deletion' ? 'deletion' : 'creation',
  };
}

/** What the sweeper does with a due check, from what Cognito and the USERNAME# guard say now. */
export type CheckOutcome =
  | { action: 'remove' }
  | { action: 'delete-orphan' }
  /** The user is younger than the check thought (created again since): look again once it is old enough. */
  | { action: 'later'; dueAt: string };

export function checkOutcome(
  account: { sub: string; createdAt: Date } | undefined,
  guardUserId: string | undefined,
  now: Date,
  minAgeSeconds: number,
): CheckOutcome {
  if (!account || guardUserId === account.sub) return { action: 'remove' };
  const oldEnough = account.createdAt.getTime() + minAgeSeconds * 1000;
  if (now.getTime() >= oldEnough) return { action: 'delete-orphan' };
  return { action: 'later', dueAt: new Date(oldEnough + 1000).toISOString() };
}

// The reconciliation job: one item per scope, due on gsi1 under a key of its own. Its cursor is the last
// organisation whose memberships were all checked, and the last membership checked in the organisation being walked;
// a run takes it with a lease (as the deletion worker takes its jobs) and checkpoints after each page.
//   pk ACCOUNTRECONCILE#<scope>   sk JOB   gsi1pk ACCOUNTRECONCILE   gsi1sk <due ISO time>#<scope>
// scope: `ALL` (every organisation), `ORG#<id>` (one organisation, after an operator deleted its users by hand), or
// `POOL`: the other way round, every Cognito user without an account (ListUsers, a page at a time), for after a
// table restore, when users created since the restore point have no account and no check (docs/restore.md).
export const RECONCILE_QUEUE_GSI1PK = 'ACCOUNTRECONCILE';
export const RECONCILE_LEASE_MS = 120_000;

export interface ReconcileJob {
  scope: string;
  dueAt: string;
  requestedAt: string;
  /** The GSI1 sort key of the last organisation walked completely (scope ALL). */
  organisationsAfter?: string;
  /** The organisation being walked and the last membership sort key checked in it. */
  organisation?: string;
  /** Its GSI1 sort key (scope ALL): the cursor once it is walked completely. */
  organisationSk?: string;
  membersAfter?: string;
  /** Scope POOL: ListUsers' pagination token of the next page. */
  poolToken?: string;
  checked: number;
  leaseToken?: string;
}

export const POOL_SCOPE = 'POOL';
/** The scope asked for: every organisation (nothing), the pool (`pool`), or one organisation (its id). */
export const reconcileScope = (what?: string) => (what === 'pool' ? POOL_SCOPE : what ? organisationPk(what) : 'ALL');
export const reconcileScopeOrganisation = (scope: string) => organisationIdOfPk(scope);
export const reconcileJobKey = (scope: string) => ({ pk: `ACCOUNTRECONCILE#${scope}`, sk: 'JOB' });
export const reconcileDueSk = (dueAt: string, scope: string) => `${dueAt}#${scope}`;

export const reconcileJobItem = (job: ReconcileJob) => ({
  ...reconcileJobKey(job.scope),
  gsi1pk: RECONCILE_QUEUE_GSI1PK,
  gsi1sk: reconcileDueSk(job.dueAt, job.scope),
  type: 'AccountReconcileJob',
  ...job,
});

export function reconcileJobFromItem(item: Record<string, unknown>): ReconcileJob {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...job } = item;
  return job as unknown as ReconcileJob;
}
