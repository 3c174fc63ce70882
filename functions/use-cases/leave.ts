// A person leaves one of their organisations (any of them, not only the token's): the membership goes, with its
// seat, in one transaction with the audit entry; a pending request to join is withdrawn the same way. The last
// ACTIVE ADMIN cannot leave (409 last-admin): the organisation would be left without anyone to manage it.
import type { VerifiedUser } from '#domain/principal';
import * as refusals from '#domain/refusals';
import { auditRecord } from '#repositories/audit';
import { GUARD } from '#repositories/guards';
import { leavingItems } from '#repositories/leaving';
import { membershipConflict } from '#repositories/memberships';
import { getMembershipAccess } from '#repositories/organisations';
import { ConditionFailed, transact } from '#repositories/transactions';

// A membership or profile changed between the read and the write: read again, a couple of times.
const ATTEMPTS = 3;

export async function leaveOrganisation(caller: VerifiedUser, organisationId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const { membership, user } = await getMembershipAccess(organisationId, caller.userId, { withProfile: true });
    // One answer for an unknown organisation and one the caller does not belong to.
    if (!membership) throw refusals.organisationNotFound();
    const withdrawn = membership.status === 'PENDING';
    try {
      await transact([
        ...leavingItems(membership, { clearCurrent: user?.currentOrganisationId === organisationId }),
        auditRecord({
          organisationId,
          action: withdrawn ? 'join-request.withdrawn' : 'member.left',
          actorId: caller.userId,
          target: caller.userId,
          details: { username: membership.username, role: membership.role, status: membership.status },
        }),
      ]);
      return;
    } catch (error) {
      const raced = error instanceof ConditionFailed && error.has(GUARD.member, GUARD.profile, GUARD.joinRequestState);
      if (raced && attempt < ATTEMPTS) continue;
      membershipConflict(error);
    }
  }
}
