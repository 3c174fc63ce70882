// Crash safety of account creation. withNewAccount creates the Cognito user, then commits the account in one
// transaction; a function that dies between the two leaves an orphan Cognito user, whose username would answer 409
// forever. Two things remove it:
// - at registration time (removeOrphanAccount, called by withNewAccount when Cognito says the username exists): the
//   Cognito user has no USERNAME# guard naming it and is older than ORPHAN_MIN_AGE_SECONDS (the longest timeout of a
//   function that creates accounts, so its creator is dead): it is deleted and the registration goes on;
// - the account sweeper (functions/jobs/account-sweeper.ts, an hourly schedule deployed, a timer locally) pages
//   through the pool (ListUsers) and deletes every such orphan, and reconciles the accounts deleted from Cognito
//   outside the API: their ACTIVE memberships are suspended and audited, their username released.
// Both count what they find in the platform KPIs (orphanAccountsFound) and emit the OrphansFound metric.
import { deleteUser, getUserCreation, listUsersPage } from '#adapters/cognito';
import { nowDate } from '#core/clock';
import { env, readEnv } from '#core/env';
import { logger } from '#core/logger';
import { emitMetric } from '#core/metrics';
import type { Membership } from '#domain/membership';
import { ACCOUNT_SWEEPER_ACTOR, type CognitoAccount, isOrphan } from '#domain/orphans';
import { auditRecord } from '#repositories/audit';
import { GUARD } from '#repositories/guards';
import { changeMembership } from '#repositories/memberships';
import { recordOrphanAccountsFound } from '#repositories/metrics';
import { allOrganisations, alreadyReconciled, membershipsOf, releaseDeletedAccount, usernameGuards } from '#repositories/orphans';
import { ConditionFailed, transact } from '#repositories/transactions';
import { findUserIdByUsername } from '#repositories/users';

export const orphanSettings = readEnv({
  // CDK sets it to the longest timeout of the functions that create accounts; locally 15 s (npm start), less in tests.
  ORPHAN_MIN_AGE_SECONDS: env.integer({ min: 1, max: 3600, fallback: 60 }),
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
  cognitoUsers: number;
  orphansFound: number;
  orphansDeleted: number;
  /** Accounts deleted from Cognito outside the API, found in this run. */
  deletedAccounts: number;
  membershipsSuspended: number;
  /** Memberships left ACTIVE because their holder was the organisation's last ADMIN (an operator must act). */
  lastAdminsLeft: number;
}

/** The sweeper's run: the organisations' members first, then the pool (see reconcile below for why in this order). */
export async function sweepAccounts(now = nowDate()): Promise<AccountSweepSummary> {
  const summary: AccountSweepSummary = {
    cognitoUsers: 0,
    orphansFound: 0,
    orphansDeleted: 0,
    deletedAccounts: 0,
    membershipsSuspended: 0,
    lastAdminsLeft: 0,
  };
  // Every membership BEFORE listing the pool: an account whose membership is read here had its Cognito user created
  // before (withNewAccount creates the user first), so if the listing then misses it, it was deleted meanwhile.
  const memberships: Membership[] = [];
  for (const organisation of await allOrganisations()) memberships.push(...(await membershipsOf(organisation.id)));

  const subs = new Set<string>();
  let token: string | undefined;
  do {
    const page = await listUsersPage(token);
    token = page.next;
    summary.cognitoUsers += page.users.length;
    for (const user of page.users) subs.add(user.sub);
    await sweepOrphans(page.users, now, summary);
  } while (token);

  await reconcile(
    memberships.filter((m) => !subs.has(m.userId)),
    now,
    summary,
  );
  await recordOrphanAccountsFound(summary.orphansFound, now.toISOString());
  // Every run emits its figures, zeros included, so the dashboard shows the sweeper running.
  emitMetric('orphansFound', summary.orphansFound, { foundBy: 'sweeper' });
  emitMetric('orphansSwept', summary.orphansDeleted, { foundBy: 'sweeper' });
  emitMetric('accountsReconciled', summary.deletedAccounts, { lastAdminsLeft: summary.lastAdminsLeft });
  logger.info('account sweep', { ...summary });
  return summary;
}

async function sweepOrphans(users: CognitoAccount[], now: Date, summary: AccountSweepSummary): Promise<void> {
  const guards = await usernameGuards(users.map((user) => user.username));
  for (const user of users) {
    if (!isOrphan(user, guards.get(user.username), now, orphanSettings.ORPHAN_MIN_AGE_SECONDS)) continue;
    summary.orphansFound++;
    await deleteUser(user.username);
    summary.orphansDeleted++;
    logger.warn('orphan Cognito user deleted by the sweeper', { orphanSub: user.sub, ageSeconds: ageOf(user, now) });
  }
}

/**
 * Accounts deleted from Cognito outside the API (by an operator in the console, say): nobody can sign in as them
 * any more. Each ACTIVE membership is suspended, in one transaction with its audit entry (`member.account-deleted`),
 * so it stops counting as a member with access; the last ACTIVE ADMIN of an organisation is NOT suspended (the
 * invariant holds: an organisation always has one) but audited as such and logged at error level for an operator
 * (the platform invites a new admin). Then the username is released so it can register again.
 */
async function reconcile(gone: Membership[], now: Date, summary: AccountSweepSummary): Promise<void> {
  const byUser = new Map<string, Membership[]>();
  for (const membership of gone) byUser.set(membership.userId, [...(byUser.get(membership.userId) ?? []), membership]);
  const done = await alreadyReconciled([...byUser.keys()]);
  for (const [userId, memberships] of byUser) {
    if (done.has(userId)) continue;
    const username = memberships[0]?.username ?? '';
    // ListUsers may lag a creation by a moment: ask for the one user before acting on its absence.
    const account = await getUserCreation(username);
    if (account?.sub === userId) continue;
    summary.deletedAccounts++;
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
}
