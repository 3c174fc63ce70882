// Accepting an invitation sent to an address, with its one-time token: the anonymous caller creates their account
// (the address is then proven: the link was delivered there), the signed-in caller whose VERIFIED address is the
// invited one gets the membership. Either way ONE transaction also marks the invitation ACCEPTED, so a token works
// exactly once. The inbox (invitation-inbox.ts) accepts through the same steps. The rules (the invitation's state,
// who may accept one sent to an address, what the body must and must not carry) are domain/invitation.ts's.
import { nowDate } from '#core/clock';
import { nowIso } from '#core/ids';
import {
  acceptanceFieldErrors,
  addressAcceptance,
  hashInvitationToken,
  type Invitation,
  inviteeOf,
  type UnusableInvitation,
  whyUnusable,
} from '#domain/invitation';
import type { Membership } from '#domain/membership';
import type { Organisation } from '#domain/organisation';
import type { VerifiedUser } from '#domain/principal';
import * as refusals from '#domain/refusals';
import { newUser, type User } from '#domain/user';
import { auditRecord } from '#repositories/audit';
import { claimVerifiedEmail, EMAIL_GUARD, isVerifiedElsewhere } from '#repositories/email-verification';
import { GUARD } from '#repositories/guards';
import { acceptInvitationItems, findInvitationByTokenHash, reloadInvitation } from '#repositories/invitations';
import { activateMembership, membershipConflict } from '#repositories/memberships';
import { getOrganisation } from '#repositories/organisations';
import { permissionsIn } from '#repositories/roles';
import { ConditionFailed, type NamedItem, transact } from '#repositories/transactions';
import { findUserIdByUsername, getUser, newUserItems } from '#repositories/users';
import type { Infer } from '#schemas/lazy';
import type { acceptInvitationBody } from '#schemas/members';
import { type Client, limitAcceptance } from './abuse-limits.ts';
import { withNewAccount } from './accounts.ts';
import { signInNewAccount } from './signed-in.ts';
import { type Session, sessionOf } from './views.ts';

const UNUSABLE: { readonly [W in UnusableInvitation]: () => refusals.Refusal } = {
  'invitation-used': refusals.invitationUsed,
  'invitation-revoked': refusals.invitationRevoked,
  'invitation-declined': refusals.invitationDeclined,
  'invitation-expired': refusals.invitationExpired,
};

/** Refuses an invitation that can no longer be answered: used, revoked, declined or expired (whyUnusable). */
export function refuseUnusable(invitation: Invitation): void {
  const why = whyUnusable(invitation, nowDate());
  if (why) throw UNUSABLE[why]();
}

/** An invitation sent to an address (the kind that has a token), with that address. */
export type AddressInvitation = Invitation & { email: string };
export const isAddressInvitation = (invitation: Invitation): invitation is AddressInvitation => invitation.email !== undefined;

async function usableInvitation(token: string): Promise<AddressInvitation> {
  const invitation = await findInvitationByTokenHash(hashInvitationToken(token));
  if (!invitation || !isAddressInvitation(invitation)) throw refusals.invitationNotFound();
  refuseUnusable(invitation);
  return invitation;
}

/** Commits an acceptance; a refused invitation condition (used, revoked or expired meanwhile) answers 410. */
async function commitAcceptance(invitation: Invitation, items: NamedItem[]): Promise<void> {
  try {
    await transact(items);
  } catch (error) {
    if (error instanceof ConditionFailed) {
      if (error.has(GUARD.invitationState)) {
        const current = await reloadInvitation(invitation);
        if (current) refuseUnusable(current);
        // Pending and unexpired again: it can only have expired in between.
        throw refusals.invitationExpired({ cause: error });
      }
      if (error.has(GUARD.role)) {
        throw refusals.invitationRoleRemoved({ cause: error });
      }
      if (error.has(EMAIL_GUARD.verified)) {
        throw refusals.invitationAccountExists('signIn', { cause: error });
      }
      // The seat condition and the organisation's status share the organisation's update: read it to tell them apart.
      if (error.has(GUARD.seat) && (await getOrganisation(invitation.organisationId))?.status !== 'ACTIVE')
        throw refusals.invitationOrganisationInactive({ cause: error });
    }
    membershipConflict(error);
  }
}

export type Acceptance =
  | { kind: 'account'; session: Session }
  | { kind: 'membership'; organisation: { id: string; nom: string }; membership: { role: string; status: 'ACTIVE' } };

export async function acceptInvitation(
  input: Infer<typeof acceptInvitationBody>,
  caller: VerifiedUser | undefined,
  client: Client,
): Promise<Acceptance> {
  // Per client, and per account: the signed-in caller, or the invitation an anonymous caller redeems.
  await limitAcceptance(client, caller?.userId ?? hashInvitationToken(input.token));
  // Signed in, none of a new account's fields (the membership goes to the caller's account); anonymous, a password and
  // the names the inviter did not give (a platform-created organisation's first ADMIN need not type them again).
  if (caller) {
    const refused = acceptanceFieldErrors(input, {}, true);
    if (refused.length > 0) throw refusals.validationError(refused);
  }

  const invitation = await usableInvitation(input.token);
  if (!caller) {
    const missing = acceptanceFieldErrors(input, invitation, false);
    if (missing.length > 0) throw refusals.validationError(missing);
  }
  const organisation = await getOrganisation(invitation.organisationId);
  if (!organisation) throw refusals.invitationNotFound();
  // The acceptance transaction requires an ACTIVE organisation; checked first too before creating a Cognito account.
  if (!caller && organisation.status !== 'ACTIVE') throw refusals.invitationOrganisationInactive();
  return caller ? joinAsExistingUser(invitation, organisation, caller) : joinWithNewAccount(invitation, organisation, input, client);
}

const membershipFor = (invitation: Invitation, user: Pick<User, 'id' | 'username' | 'nom' | 'prenom'>, now: string): Membership => ({
  organisationId: invitation.organisationId,
  userId: user.id,
  username: user.username,
  nom: user.nom,
  prenom: user.prenom,
  role: invitation.role,
  status: 'ACTIVE',
  joinedAt: now,
  updatedAt: now,
});

const acceptanceAudit = (invitation: Invitation, userId: string, newAccount: boolean) =>
  auditRecord({
    organisationId: invitation.organisationId,
    action: 'invitation.accepted',
    actorId: userId,
    target: invitation.id,
    details: { ...inviteeOf(invitation), role: invitation.role, userId, newAccount },
  });

async function joinAsExistingUser(invitation: AddressInvitation, organisation: Organisation, caller: VerifiedUser): Promise<Acceptance> {
  const user = await getUser(caller.userId);
  if (!user) throw refusals.profileNotFound();
  return addToAccount(invitation, organisation, user);
}

/** The membership an address invitation gives the account that proved that address. */
export async function addToAccount(invitation: AddressInvitation, organisation: Organisation, user: User): Promise<Acceptance> {
  // The token alone is not enough for a signed-in user: a forwarded or leaked invitation must not let another
  // account join. The invitation belongs to the account that PROVED the invited address; a username that looks
  // like it, or an address someone else set (an admin creating the account), proves nothing.
  const refused = addressAcceptance(invitation, user);
  if (refused === 'invitation-for-another-address') throw refusals.invitationForAnotherAddress();
  if (refused === 'email-not-verified') throw refusals.emailNotVerified();
  return commitMembershipAcceptance(invitation, organisation, user);
}

export async function commitMembershipAcceptance(invitation: Invitation, organisation: Organisation, user: User): Promise<Acceptance> {
  const now = nowIso();
  await commitAcceptance(invitation, [
    ...activateMembership(membershipFor(invitation, user, now), { organisationActive: true }),
    ...acceptInvitationItems(invitation, user.id, now),
    acceptanceAudit(invitation, user.id, false),
  ]);
  return {
    kind: 'membership',
    organisation: { id: organisation.id, nom: organisation.nom },
    membership: { role: invitation.role, status: 'ACTIVE' },
  };
}

/**
 * A new account for the invited address. Its username is the address unless the invitee chooses one: a username is
 * only a name, so someone who registered the address as their username first (without proving it) blocks nothing —
 * the invitee picks another username and still gets the address, proven by the link, which the squatter never can.
 * Only an account that PROVED the address owns it: then the invitee signs in with it instead.
 */
async function joinWithNewAccount(
  invitation: AddressInvitation,
  organisation: Organisation,
  input: Infer<typeof acceptInvitationBody>,
  client: Client,
): Promise<Acceptance> {
  const username = input.username ?? invitation.email;
  const password = input.password ?? '';
  if (await isVerifiedElsewhere(invitation.email)) {
    throw refusals.invitationAccountExists('signInOrList');
  }
  if (await findUserIdByUsername(username)) {
    throw refusals.usernameTaken('chooseAnother');
  }
  // The link reached the invited address, so the new account's address is proven (in Cognito too).
  const user = await withNewAccount({ username, password, email: invitation.email, emailVerified: true }, async (userId) => {
    const now = nowIso();
    const created = newUser(
      {
        ...input,
        id: userId,
        username,
        nom: input.nom ?? invitation.nom ?? '',
        prenom: input.prenom ?? invitation.prenom ?? '',
        email: { address: invitation.email, proof: 'proven' },
        currentOrganisationId: invitation.organisationId,
      },
      now,
    );
    await commitAcceptance(invitation, [
      ...newUserItems(created),
      claimVerifiedEmail(invitation.email, userId),
      ...activateMembership(membershipFor(invitation, created, now), { organisationActive: true }),
      ...acceptInvitationItems(invitation, userId, now),
      acceptanceAudit(invitation, userId, true),
    ]);
    return created;
  });
  const tokens = await signInNewAccount(username, password, client);
  return {
    kind: 'account',
    session: sessionOf(tokens, user, organisation, invitation.role, await permissionsIn(organisation.id, invitation.role)),
  };
}
