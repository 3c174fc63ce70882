// Crash safety of account creation. withNewAccount creates the Cognito user, then commits the account in one
// transaction; a function that dies between the two leaves an orphan Cognito user, whose username would answer 409
// forever. Two things remove it:
// - at registration time (removeOrphanAccount, called by withNewAccount when Cognito says the username exists): the
//   Cognito user has no USERNAME# guard naming it and is older than ORPHAN_MIN_AGE_SECONDS (the longest timeout of a
//   function that creates accounts, so its creator is dead): it is deleted and the registration goes on;
// - the account sweeper (functions/jobs/account-sweeper.ts, an hourly schedule deployed, a timer locally) visits
//   only what is pending: the account checks written with the work that can leave an orphan (domain/account-check.ts),
//   due once an orphan would be old enough, paced under Cognito's quotas (one AdminGetUser per due check, an
//   AdminDeleteUser per orphan; never ListUsers), each removed once handled, so a run cut short leaves the rest due
//   for the next. Then, only when one was asked for (daily deployed, or `npm run sweep-accounts -- --reconcile`), a
//   reconciliation of accounts deleted from Cognito outside the API, which no code of ours can mark: it walks the
//   organisations' memberships from its checkpointed cursor, asks Cognito for each account (AdminGetUser, paced),
//   and reconciles the gone ones: their ACTIVE memberships are suspended and audited, their username released.
// Both count what they find in the platform KPIs (orphanAccountsFound) and emit the OrphansFound metric.
import { deleteUser, getUserCreation, listUsersPage } from '#adapters/cognito';
import { nowDate } from '#core/clock';
import { env, readEnv } from '#core/env';
import { newId } from '#core/ids';
import { logger } from '#core/logger';
import { emitMetric } from '#core/metrics';
import { type AccountCheck, checkOutcome, POOL_SCOPE, type ReconcileJob, reconcileScopeOrganisation } from '#domain/account-check';
import { type Membership, membershipKey } from '#domain/membership';
import { ACCOUNT_SWEEPER_ACTOR, type CognitoAccount, isOrphan } from '#domain/orphans';
import {
  ACCOUNT_CHECK_SHARD_IDS,
  checkpointReconcile,
  claimReconcileJob,
  dueAccountChecks,
  dueReconcileJobs,
  finishReconcile,
  LostReconcileLease,
  membershipsPage,
  type ReconcileCursor,
  removeAccountCheck,
  rescheduleAccountCheck,
} from '#repositories/account-checks';
import { auditRecord } from '#repositories/audit';
import { GUARD } from '#repositories/guards';
import { changeMembership } from '#repositories/memberships';
import { recordOrphanAccountsFound } from '#repositories/metrics';
import { organisationsPage } from '#repositories/organisation-walk';
import { alreadyReconciled, releaseDeletedAccount, usernameGuards } from '#repositories/orphans';
import { ConditionFailed, transact } from '#repositories/transactions';
import { findUserIdByUsername, listUserMemberships } from '#repositories/users';

export const orphanSettings = readEnv({
  // CDK sets it to the longest timeout of the functions that create accounts; locally 15 s (npm start), less in tests.
  ORPHAN_MIN_AGE_SECONDS: env.integer({ min: 1, max: 3600, fallback: 60 }),
  // The sweeper's shares of Cognito's account-wide quotas (docs/operations.md#the-account-sweeper): AdminGetUser is
  // UserRead (120/s), AdminDeleteUser UserUpdate (25/s, of which the routes may take 21/s: docs/throttling.md).
  ACCOUNT_SWEEP_READS_PER_SECOND: env.integer({ min: 1, max: 120, fallback: 20 }),
  ACCOUNT_SWEEP_DELETES_PER_SECOND: env.integer({ min: 1, max: 25, fallback: 2 }),
  // ListUsers is UserList (30/s): only a reconciliation of the pool (after a table restore) calls it.
  ACCOUNT_SWEEP_LISTS_PER_SECOND: env.integer({ min: 1, max: 30, fallback: 5 }),
  /** Checks read per Query, and memberships per page of a reconciliation (one checkpoint each). */
  ACCOUNT_SWEEP_PAGE_SIZE: env.integer({ min: 1, max: 100, fallback: 25 }),
});

/**
 * Called when Cognito says `username` exists while an account is being created: deletes it if it is an orphan old
 * enough to be one for certain, so the caller can create the user again. False when it is a real account (or a
 * registration that may still be under way): the username is taken.
 */
export async function removeOrphanAccount(username: string, now = nowDate()): Promise<boolean> {
  const [account, guardUserId] = await Promise.all([getUserCreation(username), findUserIdByUsername(username)]);
  if (!account || !isOrphan({ username, ...account }, guardUserId, now, orphanSettings.ORPHAN_MIN_AGE_SECONDS)) return false;
  await deleteUser(username);
  await recordOrphanAccountsFound(1, now.toISOString());
  emitMetric('orphansFound', 1, { foundBy: 'registration' });
  emitMetric('orphansSwept', 1, { foundBy: 'registration' });
  // The sub only: a username may be an e-mail address.
  logger.warn('orphan Cognito user deleted at registration', { orphanSub: account.sub, ageSeconds: ageOf(account, now) });
  return true;
}

const ageOf = (account: { createdAt: Date }, now: Date) => Math.round((now.getTime() - account.createdAt.getTime()) / 1000);

export interface AccountSweepSummary {
  /** Due checks handled (each removed, or moved to when its user is old enough). */
  checks: number;
  orphansFound: number;
  orphansDeleted: number;
  /** Accounts asked of Cognito by the reconciliation in this run. */
  accountsChecked: number;
  /** Accounts deleted from Cognito outside the API, found in this run. */
  deletedAccounts: number;
  membershipsSuspended: number;
  /** Memberships left ACTIVE because their holder was the organisation's last ADMIN (an operator must act). */
  lastAdminsLeft: number;
  /** Calls made to Cognito, by operation: the sweeper makes none when nothing is due. */
  cognitoCalls: { AdminGetUser: number; AdminDeleteUser: number; ListUsers: number };
  /** False when the run stopped on its budget with work still due (the next run goes on from there). */
  complete: boolean;
}

export interface SweepBudget {
  /** Epoch ms at which the run stops taking new work. */
  deadlineMs: number;
  /** At most this many checks and accounts in this run (tests; a run is otherwise bounded by its deadline). */
  maxWork?: number;
  pageSize?: number;
}

/** What the sweeper reads and writes: the repositories and Cognito, or in-memory ones in unit tests. */
export interface AccountSweepPorts {
  dueChecks(shard: number, now: string, limit: number): Promise<AccountCheck[]>;
  removeCheck(username: string, token: string): Promise<void>;
  rescheduleCheck(check: AccountCheck, dueAt: string): Promise<void>;
  usernameGuards(usernames: readonly string[]): Promise<Map<string, string>>;
  getUser(username: string): Promise<{ sub: string; createdAt: Date } | undefined>;
  deleteUser(username: string): Promise<void>;
  listUsersPage(token?: string): Promise<{ users: CognitoAccount[]; next?: string }>;
  dueReconcileJobs(now: string, limit: number): Promise<ReconcileJob[]>;
  claimReconcileJob(job: ReconcileJob, token: string, nowMs: number): Promise<boolean>;
  checkpointReconcile(
    job: ReconcileJob,
    token: string,
    cursor: ReconcileCursor,
    checked: number,
    nowMs: number,
    release?: boolean,
  ): Promise<void>;
  finishReconcile(job: ReconcileJob, token: string): Promise<void>;
  organisationsPage(after: string | undefined, limit: number): Promise<{ ids: string[]; sks: string[]; more: boolean }>;
  membershipsPage(organisationId: string, after: string | undefined, limit: number): Promise<{ memberships: Membership[]; more: boolean }>;
  alreadyReconciled(userIds: readonly string[]): Promise<Set<string>>;
  /** Suspends (or audits, for a last ADMIN) the gone account's memberships and releases its username. */
  reconcileGone(userId: string, username: string, now: Date, summary: AccountSweepSummary): Promise<void>;
  recordOrphans(count: number, at: string): Promise<void>;
  sleep(ms: number): Promise<void>;
  clock(): number;
}

/** Spaces calls `1 / perSecond` apart: the sweeper's share of a Cognito quota. */
export function pacer(perSecond: number, ports: Pick<AccountSweepPorts, 'sleep' | 'clock'>): () => Promise<void> {
  const interval = 1000 / perSecond;
  let next = 0;
  return async () => {
    const now = ports.clock();
    const wait = next - now;
    next = Math.max(now, next) + interval;
    if (wait > 0) await ports.sleep(wait);
  };
}

/**
 * The sweeper's run: the due account checks of every shard, oldest first, then a reconciliation if one is due,
 * until the budget runs out. Nothing due: a Query per shard and one for the reconciliation, no Cognito call.
 */
export async function sweepAccounts(
  now: Date,
  budget: SweepBudget,
  ports: AccountSweepPorts = repositoryPorts(),
): Promise<AccountSweepSummary> {
  const summary: AccountSweepSummary = {
    checks: 0,
    orphansFound: 0,
    orphansDeleted: 0,
    accountsChecked: 0,
    deletedAccounts: 0,
    membershipsSuspended: 0,
    lastAdminsLeft: 0,
    cognitoCalls: { AdminGetUser: 0, AdminDeleteUser: 0, ListUsers: 0 },
    complete: true,
  };
  const run = new SweepRun(now, budget, ports, summary);
  await run.checks();
  await run.reconciliations();

  await ports.recordOrphans(summary.orphansFound, now.toISOString());
  // Every run emits its figures, zeros included, so the dashboard shows the sweeper running.
  emitMetric('orphansFound', summary.orphansFound, { foundBy: 'sweeper' });
  emitMetric('orphansSwept', summary.orphansDeleted, { foundBy: 'sweeper' });
  emitMetric('accountsReconciled', summary.deletedAccounts, { lastAdminsLeft: summary.lastAdminsLeft });
  logger.info('account sweep', { ...summary });
  return summary;
}

class SweepRun {
  private work = 0;
  private readonly read: () => Promise<void>;
  private readonly remove: () => Promise<void>;
  private readonly list: () => Promise<void>;
  private readonly pageSize: number;

  constructor(
    private readonly now: Date,
    private readonly budget: SweepBudget,
    private readonly ports: AccountSweepPorts,
    private readonly summary: AccountSweepSummary,
  ) {
    this.read = pacer(orphanSettings.ACCOUNT_SWEEP_READS_PER_SECOND, ports);
    this.remove = pacer(orphanSettings.ACCOUNT_SWEEP_DELETES_PER_SECOND, ports);
    this.list = pacer(orphanSettings.ACCOUNT_SWEEP_LISTS_PER_SECOND, ports);
    this.pageSize = budget.pageSize ?? orphanSettings.ACCOUNT_SWEEP_PAGE_SIZE;
  }

  /** False once the run must stop taking work (its deadline, or its work limit): what is left stays due. */
  private canWork(): boolean {
    const more = this.ports.clock() < this.budget.deadlineMs && (this.budget.maxWork === undefined || this.work < this.budget.maxWork);
    if (!more) this.summary.complete = false;
    return more;
  }

  private async getUser(username: string) {
    await this.read();
    this.summary.cognitoCalls.AdminGetUser++;
    return this.ports.getUser(username);
  }

  async checks(): Promise<void> {
    const now = this.now.toISOString();
    for (const shard of ACCOUNT_CHECK_SHARD_IDS) {
      for (;;) {
        if (!this.canWork()) return;
        const due = await this.ports.dueChecks(shard, now, this.pageSize);
        for (const check of due) {
          if (!this.canWork()) return;
          await this.check(check);
        }
        if (due.length < this.pageSize) break;
      }
    }
  }

  private async check(check: AccountCheck): Promise<void> {
    this.work++;
    this.summary.checks++;
    const account = await this.getUser(check.username);
    const guard = account ? (await this.ports.usernameGuards([check.username])).get(check.username) : undefined;
    const outcome = checkOutcome(account, guard, this.now, orphanSettings.ORPHAN_MIN_AGE_SECONDS);
    if (outcome.action === 'later') {
      await this.ports.rescheduleCheck(check, outcome.dueAt);
      return;
    }
    if (outcome.action === 'delete-orphan' && account) await this.deleteOrphan({ username: check.username, ...account }, check.reason);
    await this.ports.removeCheck(check.username, check.token);
  }

  private async deleteOrphan(account: CognitoAccount, reason: string): Promise<void> {
    this.summary.orphansFound++;
    await this.remove();
    this.summary.cognitoCalls.AdminDeleteUser++;
    await this.ports.deleteUser(account.username);
    this.summary.orphansDeleted++;
    // The sub only: a username may be an e-mail address.
    logger.warn('orphan Cognito user deleted by the sweeper', { orphanSub: account.sub, ageSeconds: ageOf(account, this.now), reason });
  }

  /**
   * Scope POOL: the pool a page at a time from the job's pagination token, each page's users looked up against their
   * USERNAME# guards (BatchGetItem) and the orphans deleted; checkpointed after each page.
   */
  private async reconcilePool(job: ReconcileJob, token: string): Promise<void> {
    let poolToken = job.poolToken;
    for (;;) {
      if (!this.canWork()) {
        await this.ports.checkpointReconcile(job, token, { poolToken }, 0, this.ports.clock(), true);
        return;
      }
      this.work++;
      await this.list();
      this.summary.cognitoCalls.ListUsers++;
      const page = await this.ports.listUsersPage(poolToken);
      const guards = await this.ports.usernameGuards(page.users.map((user) => user.username));
      for (const user of page.users) {
        if (isOrphan(user, guards.get(user.username), this.now, orphanSettings.ORPHAN_MIN_AGE_SECONDS))
          await this.deleteOrphan(user, 'pool');
      }
      this.summary.accountsChecked += page.users.length;
      if (!page.next) break;
      poolToken = page.next;
      await this.ports.checkpointReconcile(job, token, { poolToken }, page.users.length, this.ports.clock());
    }
    await this.ports.finishReconcile(job, token);
    logger.info('account reconciliation finished', { scope: job.scope });
  }

  async reconciliations(): Promise<void> {
    if (!this.canWork()) return;
    for (const job of await this.ports.dueReconcileJobs(this.now.toISOString(), 5)) {
      if (!this.canWork()) return;
      const token = newId();
      if (!(await this.ports.claimReconcileJob(job, token, this.ports.clock()))) continue;
      try {
        await this.reconcile(job, token);
      } catch (error) {
        if (!(error instanceof LostReconcileLease)) throw error;
        logger.warn('account reconciliation taken over by another run', { scope: job.scope });
      }
    }
  }

  /**
   * Walks the job's organisations from its cursor, a page of memberships at a time, checkpointing each page; stops
   * on the budget (the job is due again at once, from its cursor) or finishes (the job is deleted).
   */
  private async reconcile(job: ReconcileJob, token: string): Promise<void> {
    if (job.scope === POOL_SCOPE) return this.reconcilePool(job, token);
    const only = reconcileScopeOrganisation(job.scope);
    const cursor: ReconcileCursor = {
      organisationsAfter: job.organisationsAfter,
      organisation: job.organisation,
      organisationSk: job.organisationSk,
      membersAfter: job.membersAfter,
    };
    for (;;) {
      if (!this.canWork()) {
        await this.ports.checkpointReconcile(job, token, cursor, 0, this.ports.clock(), true);
        return;
      }
      if (!cursor.organisation) {
        if (only) {
          if (cursor.organisationsAfter !== undefined) break;
          cursor.organisation = only;
        } else {
          const next = await this.ports.organisationsPage(cursor.organisationsAfter, 1);
          const [id] = next.ids;
          if (!id) break;
          cursor.organisation = id;
          cursor.organisationSk = next.sks[0];
        }
      }
      const organisationId = cursor.organisation;
      const page = await this.ports.membershipsPage(organisationId, cursor.membersAfter, this.pageSize);
      const checked = await this.reconcilePage(page.memberships);
      const last = page.memberships.at(-1);
      if (page.more && last) cursor.membersAfter = membershipKey(organisationId, last.userId).sk;
      else {
        cursor.organisationsAfter = only ? organisationId : cursor.organisationSk;
        cursor.organisation = undefined;
        cursor.organisationSk = undefined;
        cursor.membersAfter = undefined;
      }
      await this.ports.checkpointReconcile(job, token, cursor, checked, this.ports.clock());
    }
    await this.ports.finishReconcile(job, token);
    logger.info('account reconciliation finished', { scope: job.scope });
  }

  /** The accounts of a page of memberships, each asked of Cognito once; the gone ones reconciled. */
  private async reconcilePage(memberships: Membership[]): Promise<number> {
    const byUser = new Map<string, string>();
    for (const membership of memberships) byUser.set(membership.userId, membership.username);
    const done = await this.ports.alreadyReconciled([...byUser.keys()]);
    let checked = 0;
    for (const [userId, username] of byUser) {
      if (done.has(userId)) continue;
      this.work++;
      checked++;
      this.summary.accountsChecked++;
      const account = await this.getUser(username);
      if (account?.sub === userId) continue;
      this.summary.deletedAccounts++;
      await this.ports.reconcileGone(userId, username, this.now, this.summary);
    }
    return checked;
  }
}

/**
 * Accounts deleted from Cognito outside the API (by an operator in the console, say): nobody can sign in as them
 * any more. Each ACTIVE membership is suspended, in one transaction with its audit entry (`member.account-deleted`),
 * so it stops counting as a member with access; the last ACTIVE ADMIN of an organisation is NOT suspended (the
 * invariant holds: an organisation always has one) but audited as such and logged at error level for an operator
 * (the platform invites a new admin). Then the username is released so it can register again.
 */
async function reconcileGone(userId: string, username: string, now: Date, summary: AccountSweepSummary): Promise<void> {
  const memberships = await listUserMemberships(userId);
  for (const membership of memberships.filter((m) => m.status === 'ACTIVE')) {
    const audit = (lastAdmin: boolean) =>
      auditRecord({
        organisationId: membership.organisationId,
        action: 'member.account-deleted',
        actorId: ACCOUNT_SWEEPER_ACTOR,
        target: userId,
        details: { username: membership.username, role: membership.role, suspended: !lastAdmin, lastAdmin },
      });
    try {
      await transact([...changeMembership(membership, { status: 'SUSPENDED' }), audit(false)]);
      summary.membershipsSuspended++;
    } catch (error) {
      if (!(error instanceof ConditionFailed) || !error.has(GUARD.lastAdmin)) throw error;
      await transact([audit(true)]);
      summary.lastAdminsLeft++;
      logger.error('last ADMIN account deleted outside the API: the organisation has no admin who can sign in', {
        organisationId: membership.organisationId,
        deletedUserId: userId,
      });
    }
  }
  await releaseDeletedAccount(userId, username, now);
  logger.warn('account deleted outside the API reconciled', { deletedUserId: userId, memberships: memberships.length });
}

// A function, not a module-level object: a bundle that imports this module for one export (orphanSettings) then
// drops the sweeper and everything it calls, the Cognito SDK included (test/infra/bundling.test.ts).
const repositoryPorts = (): AccountSweepPorts => ({
  dueChecks: dueAccountChecks,
  removeCheck: removeAccountCheck,
  rescheduleCheck: rescheduleAccountCheck,
  usernameGuards,
  getUser: getUserCreation,
  deleteUser,
  listUsersPage,
  dueReconcileJobs,
  claimReconcileJob,
  checkpointReconcile,
  finishReconcile,
  organisationsPage,
  membershipsPage,
  alreadyReconciled,
  reconcileGone,
  recordOrphans: recordOrphanAccountsFound,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  clock: Date.now,
});
