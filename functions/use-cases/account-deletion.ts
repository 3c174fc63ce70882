// DELETE /api/auth/me: a person deletes their account. It spans many items (a membership in each organisation, with
// its counters and audit entry; mail and sessions; the profile and its guards) and Cognito, so it is a sequence of
// steps, each of which can run again after a crash, and the request as a whole can be repeated until it answers 204:
//  1. the password, checked against Cognito: the Cognito user is deleted last, so a repeat can always prove it;
//  2. refused (409 still-last-admin) while the person is the last ACTIVE ADMIN of an organisation, before any change;
//  3. the profile marked deletingSince (if_not_exists): no new organisation or membership from then on;
//  4. each membership removed in its own transaction with the organisation's counters and a member.account-deleted
//     audit entry (the last-admin condition re-checked there; re-read first, so a removed one is skipped);
//  5. the person's partition (pending mail) and recorded sessions deleted, one idempotent DeleteItem each;
//  6. the profile, username guard, proven-address guard and super-admin marker in one transaction: the username and
//     the address are free again;
//  7. memberships swept once more (one created between 4 and 6 by a request already under way);
//  8. the Cognito user deleted (an already deleted one counts as done): its refresh tokens die with it; the account
//     check written in 6 is removed.
// A repeat after a crash between 6 and 8 finds no profile and goes straight to 8; if nobody repeats it, the check
// written in 6 has the account sweeper delete the Cognito user (domain/account-check.ts).
import { deleteUser } from '#adapters/cognito';
import { nowMs } from '#core/clock';
import { crashPoint } from '#core/crash';
import { newId, nowIso } from '#core/ids';
import type { AccountCheck } from '#domain/account-check';
import type { Membership } from '#domain/membership';
import type { Client, VerifiedUser } from '#domain/principal';
import * as refusals from '#domain/refusals';
import { Refusal } from '#domain/refusals';
import { removeAccountCheck } from '#repositories/account-checks';
import {
  deleteOrphanMembership,
  deletePersonalItems,
  deleteProfileAndGuards,
  markDeleting,
  unmarkDeleting,
} from '#repositories/account-deletion';
import { auditRecord } from '#repositories/audit';
import { GUARD } from '#repositories/guards';
import { leavingItems } from '#repositories/leaving';
import { getMembershipAccess, getOrganisationsOf } from '#repositories/organisations';
import { ConditionFailed, transact } from '#repositories/transactions';
import { getUser, listUserMemberships } from '#repositories/users';
import { orphanSettings } from './orphans.ts';
import { confirmPassword, discard } from './passwords.ts';

/** The organisations whose last ACTIVE ADMIN the person is (ACTIVE ones, or ones being neither deleted nor gone). */
async function soleAdminOf(memberships: Membership[]): Promise<string[]> {
  const admin = memberships.filter((membership) => membership.role === 'ADMIN' && membership.status === 'ACTIVE');
  if (admin.length === 0) return [];
  const { organisations } = await getOrganisationsOf(admin);
  return admin.flatMap((membership) => {
    const organisation = organisations.get(membership.organisationId);
    return organisation && organisation.status !== 'DELETING' && organisation.adminCount <= 1 ? [organisation.nom] : [];
  });
}

/** Step 4 for one organisation: the membership as it is now, removed with its counters and audit entry. */
async function removeMembershipOf(organisationId: string, userId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const { organisation, membership } = await getMembershipAccess(organisationId, userId);
    if (!membership) return;
    // An organisation gone, or being deleted (its worker purges every membership, counters and all): only the
    // membership itself goes now.
    if (!organisation || organisation.status === 'DELETING') {
      await deleteOrphanMembership(organisationId, userId);
      return;
    }
    try {
      await transact([
        ...leavingItems(membership, { clearCurrent: false }),
        auditRecord({
          organisationId,
          action: 'member.account-deleted',
          actorId: userId,
          target: userId,
          details: { username: membership.username, role: membership.role, status: membership.status },
        }),
      ]);
      return;
    } catch (error) {
      if (!(error instanceof ConditionFailed)) throw error;
      if (error.has(GUARD.lastAdmin)) {
        // Gone meanwhile, or really the last admin (another admin was demoted since step 2).
        if ((await getMembershipAccess(organisationId, userId)).organisation)
          throw refusals.stillLastAdmin([organisation.nom], { cause: error });
        continue;
      }
      if (attempt >= 3) throw error;
    }
  }
}

async function removeEveryMembership(userId: string): Promise<void> {
  for (const membership of await listUserMemberships(userId)) await removeMembershipOf(membership.organisationId, userId);
}

export async function deleteAccount(caller: VerifiedUser, password: string, client: Client): Promise<void> {
  const user = await getUser(caller.userId, { consistent: true });
  const username = user?.username ?? caller.username;
  await discard(await confirmPassword({ username }, password, client));
  let check: AccountCheck | undefined;
  if (user) {
    const sole = await soleAdminOf(await listUserMemberships(user.id));
    if (sole.length > 0) throw refusals.stillLastAdmin(sole);
    if (await markDeleting(user.id, nowIso())) {
      try {
        await removeEveryMembership(user.id);
      } catch (error) {
        if (error instanceof Refusal && error.refusal === 'still-last-admin') await unmarkDeleting(user.id);
        throw error;
      }
      await deletePersonalItems(user.id);
      check = {
        username,
        dueAt: new Date(nowMs() + orphanSettings.ORPHAN_MIN_AGE_SECONDS * 1000).toISOString(),
        token: newId(),
        reason: 'deletion',
      };
      try {
        await deleteProfileAndGuards(user, check);
      } catch (error) {
        check = undefined;
        // Finished meanwhile by a concurrent request (the profile is gone): the outcome asked for.
        if (!(error instanceof ConditionFailed) || (await getUser(user.id, { consistent: true }))) throw error;
      }
      await removeEveryMembership(user.id);
    }
  }
  crashPoint('before-cognito-delete');
  await deleteUser(username);
  if (check) await removeAccountCheck(check.username, check.token);
}
