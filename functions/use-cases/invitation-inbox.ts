// The invitee's side, signed in: the invitations addressed to the caller's account or to their proven address (their
// inboxes), and the answer to one of them — accepting (consent: the membership is created then, never before) or
// declining. Nobody else's invitation is found: another person's id answers 404.
import { nowIso } from '#core/ids';
import { normaliseEmail } from '#domain/email-verification';
import { type Invitation, inviteeInboxPk, inviteeOf, isUsable } from '#domain/invitation';
import type { VerifiedUser } from '#domain/principal';
import * as refusals from '#domain/refusals';
import type { User } from '#domain/user';
import { auditRecord } from '#repositories/audit';
import { GUARD } from '#repositories/guards';
import { declineInvitationItems, findInInbox, listInbox, reloadInvitation } from '#repositories/invitations';
import { getOrganisation, getOrganisationsByIds } from '#repositories/organisations';
import { conditionFailed, transact } from '#repositories/transactions';
import { getUser } from '#repositories/users';
import { type Client, limitAcceptance } from './abuse-limits.ts';
import { type Acceptance, addToAccount, commitMembershipAcceptance, isAddressInvitation, refuseUnusable } from './invitation-acceptance.ts';

/** The inboxes of a person: their account's, and their address's once they proved it. */
async function inboxesOf(caller: VerifiedUser): Promise<{ user: User; inboxes: string[] }> {
  const user = await getUser(caller.userId);
  if (!user) throw refusals.profileNotFound();
  const verified = user.email !== undefined && user.emailVerified === true ? [inviteeInboxPk({ email: normaliseEmail(user.email) })] : [];
  return { user, inboxes: [inviteeInboxPk({ userId: user.id }), ...verified] };
}

/** GET /api/auth/invitations: what is addressed to the caller and can still be answered, newest first. */
export async function listReceivedInvitations(caller: VerifiedUser) {
  const { inboxes } = await inboxesOf(caller);
  const now = new Date();
  const open = (await listInbox(inboxes)).filter((invitation) => isUsable(invitation, now));
  const organisations = await getOrganisationsByIds([...new Set(open.map((invitation) => invitation.organisationId))]);
  const items = open.flatMap((invitation) => {
    const organisation = organisations.get(invitation.organisationId);
    // An organisation that is gone or not ACTIVE offers nothing to accept.
    if (organisation?.status !== 'ACTIVE') return [];
    return [
      {
        id: invitation.id,
        organisation: { id: organisation.id, nom: organisation.nom },
        role: invitation.role,
        addressedTo: invitation.inviteeUserId ? ('account' as const) : ('email' as const),
        expiresAt: invitation.expiresAt,
        createdAt: invitation.createdAt,
      },
    ];
  });
  items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { items };
}

/** The caller's invitation `invitationId`, found only in their own inboxes (anyone else's answers 404). */
async function receivedInvitation(caller: VerifiedUser, invitationId: string): Promise<{ user: User; invitation: Invitation }> {
  const { user, inboxes } = await inboxesOf(caller);
  const invitation = await findInInbox(inboxes, invitationId);
  if (!invitation) throw refusals.invitationNotFound();
  refuseUnusable(invitation);
  return { user, invitation };
}

/** POST /api/auth/invitations/{id}/accept: the caller consents; the membership is created in the same transaction. */
export async function acceptReceivedInvitation(caller: VerifiedUser, invitationId: string, client: Client): Promise<Acceptance> {
  await limitAcceptance(client, caller.userId);
  const { user, invitation } = await receivedInvitation(caller, invitationId);
  const organisation = await getOrganisation(invitation.organisationId);
  if (!organisation) throw refusals.invitationNotFound();
  if (isAddressInvitation(invitation)) return addToAccount(invitation, organisation, user);
  if (invitation.inviteeUserId !== user.id) throw refusals.invitationNotFound();
  return commitMembershipAcceptance(invitation, organisation, user);
}

/** POST /api/auth/invitations/{id}/decline: the caller refuses; nothing else changes. */
export async function declineReceivedInvitation(caller: VerifiedUser, invitationId: string): Promise<void> {
  const { user, invitation } = await receivedInvitation(caller, invitationId);
  const now = nowIso();
  try {
    await transact([
      ...declineInvitationItems(invitation, now),
      auditRecord({
        organisationId: invitation.organisationId,
        action: 'invitation.declined',
        actorId: user.id,
        target: invitation.id,
        details: { ...inviteeOf(invitation), role: invitation.role },
      }),
    ]);
  } catch (error) {
    if (!conditionFailed(error, GUARD.invitationState)) throw error;
    const current = await reloadInvitation(invitation);
    if (current) refuseUnusable(current);
    throw refusals.invitationExpired({ cause: error });
  }
}
