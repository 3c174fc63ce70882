// Invitations: an admin invites an email with a role; the one-time token is returned once and stored only as a
// hash. Accepting creates the account (anonymous caller) or adds the membership (signed-in caller), in one
// transaction that also marks the invitation ACCEPTED, so a token works exactly once.
import { passwordLogin } from '#adapters/cognito';
import { newId, nowIso } from '#core/ids';
import { DEFAULT_INVITATION_HOURS, displayedStatus, hashInvitationToken, type Invitation, newInvitationToken } from '#domain/invitation';
import type { Membership } from '#domain/membership';
import type { Organisation } from '#domain/organisation';
import type { VerifiedUser } from '#domain/principal';
import { invalidFields, Refusal } from '#domain/refusal';
import type { TenantContext } from '#domain/tenant';
import type { User } from '#domain/user';
import { transactAs } from '#repositories/actor';
import { auditRecord } from '#repositories/audit';
import { GUARD } from '#repositories/guards';
import {
  acceptInvitationItems,
  findInvitationByTokenHash,
  getInvitation,
  listInvitations as listInvitationItems,
  newInvitationItems,
  reloadInvitation,
  revokeInvitationItems,
} from '#repositories/invitations';
import { activateMembership, membershipConflict } from '#repositories/memberships';
import { getOrganisation } from '#repositories/organisations';
import { assertCanGrant, permissionsIn } from '#repositories/roles';
import { ConditionFailed, conditionFailed, type NamedItem, transact } from '#repositories/transactions';
import { findUserIdByUsername, getUser, newUserItems } from '#repositories/users';
import type { Infer } from '#schemas/lazy';
import type {
  acceptInvitationBody,
  createInvitationBody,
  invitationView as InvitationViewSchema,
  invitationListQuery,
} from '#schemas/members';
import { withNewAccount } from './accounts.ts';
import { type Session, sessionOf } from './views.ts';

const invitationNotFound = () => new Refusal('invitation-not-found', 'Invitation not found.');
/** The inviting organisation is suspended (or being deleted): nobody joins it until it is active again. */
const organisationInactive = (cause?: unknown) =>
  new Refusal(
    'invitation-organisation-inactive',
    'The organisation that sent this invitation is not active; the invitation can be accepted once it is active again.',
    {},
    { cause },
  );

export const invitationView = (invitation: Invitation): Infer<typeof InvitationViewSchema> => ({
  id: invitation.id,
  email: invitation.email,
  role: invitation.role,
  status: displayedStatus(invitation),
  expiresAt: invitation.expiresAt,
  createdAt: invitation.createdAt,
});

export interface InvitationDraft {
  organisationId: string;
  /** Lower-cased: it becomes the invitee's username. */
  email: string;
  role: string;
  expiresInHours?: number | undefined;
  createdBy: string;
  /** The invitee's names, when the inviter knows them: the invitee need not type them again when accepting. */
  nom?: string | undefined;
  prenom?: string | undefined;
}

/**
 * A new invitation, its one-time token and the transaction items storing it (the invitation and its token-hash
 * guard). The caller checks the role may be granted, adds its audit entry and commits. Also used for an
 * organisation's first ADMIN invited by a platform super-admin.
 */
export function prepareInvitation(draft: InvitationDraft): { invitation: Invitation; token: string; items: NamedItem[] } {
  const now = new Date();
  const invitation: Invitation = {
    id: newId(),
    organisationId: draft.organisationId,
    email: draft.email.toLowerCase(),
    role: draft.role,
    status: 'PENDING',
    ...(draft.nom ? { nom: draft.nom } : {}),
    ...(draft.prenom ? { prenom: draft.prenom } : {}),
    expiresAt: new Date(now.getTime() + (draft.expiresInHours ?? DEFAULT_INVITATION_HOURS) * 3_600_000).toISOString(),
    createdBy: draft.createdBy,
    createdAt: now.toISOString(),
  };
  const token = newInvitationToken();
  return { invitation, token, items: newInvitationItems(invitation, hashInvitationToken(token)) };
}

export async function createInvitation(tenant: TenantContext, input: Infer<typeof createInvitationBody>) {
  await assertCanGrant(tenant, input.role);
  const { invitation, token, items } = prepareInvitation({ ...input, organisationId: tenant.organisationId, createdBy: tenant.userId });
  await transactAs(tenant, [
    ...items,
    auditRecord({
      organisationId: tenant.organisationId,
      action: 'invitation.created',
      actorId: tenant.userId,
      target: invitation.id,
      details: { email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt },
    }),
  ]);
  return { invitation: invitationView(invitation), token };
}

export async function listInvitations(tenant: TenantContext, query: Infer<typeof invitationListQuery>) {
  const { items, nextCursor } = await listInvitationItems(tenant, query);
  return { items: items.map(invitationView), nextCursor };
}

export async function revokeInvitation(tenant: TenantContext, id: string): Promise<void> {
  const invitation = await getInvitation(tenant, id);
  if (!invitation) throw invitationNotFound();
  if (invitation.status !== 'PENDING')
    throw new Refusal('invitation-not-pending', `The invitation is already ${invitation.status.toLowerCase()}.`);
  try {
    await transactAs(tenant, [
      ...revokeInvitationItems(invitation, tenant.userId, nowIso()),
      auditRecord({
        organisationId: tenant.organisationId,
        action: 'invitation.revoked',
        actorId: tenant.userId,
        target: invitation.id,
        details: { email: invitation.email, role: invitation.role },
      }),
    ]);
  } catch (error) {
    if (conditionFailed(error, GUARD.invitationState)) {
      throw new Refusal('invitation-not-pending', 'The invitation was accepted or revoked meanwhile.', {}, { cause: error });
    }
    throw error;
  }
}

// Acceptance.

function refuseUnusable(invitation: Invitation): void {
  if (invitation.status === 'ACCEPTED') throw new Refusal('invitation-used', 'This invitation has already been used.');
  if (invitation.status === 'REVOKED') throw new Refusal('invitation-revoked', 'This invitation has been revoked.');
  if (new Date(invitation.expiresAt) <= new Date()) throw new Refusal('invitation-expired', 'This invitation has expired.');
}

async function usableInvitation(token: string): Promise<Invitation> {
  const invitation = await findInvitationByTokenHash(hashInvitationToken(token));
  if (!invitation) throw invitationNotFound();
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
        throw new Refusal('invitation-expired', 'This invitation has expired.', {}, { cause: error });
      }
      if (error.has(GUARD.role)) {
        throw new Refusal('invitation-role-removed', 'The role this invitation grants no longer exists.', {}, { cause: error });
      }
      // The seat condition and the organisation's status share the organisation's update: read it to tell them apart.
      if (error.has(GUARD.seat) && (await getOrganisation(invitation.organisationId))?.status !== 'ACTIVE')
        throw organisationInactive(error);
    }
    membershipConflict(error);
  }
}

const ACCOUNT_FIELDS = ['password', 'confirmPassword', 'nom', 'prenom'] as const;

export type Acceptance =
  | { kind: 'account'; session: Session }
  | { kind: 'membership'; organisation: { id: string; nom: string }; membership: { role: string; status: 'ACTIVE' } };

export async function acceptInvitation(input: Infer<typeof acceptInvitationBody>, caller: VerifiedUser | undefined): Promise<Acceptance> {
  if (caller) {
    const present = ACCOUNT_FIELDS.filter((field) => input[field] !== undefined);
    if (present.length > 0) {
      throw invalidFields(
        present.map((path) => ({ path, message: `${path} is not accepted when signed in: the membership is added to your account` })),
      );
    }
  }

  const invitation = await usableInvitation(input.token);
  if (!caller) {
    // Names the inviter gave (a platform-created organisation's first ADMIN) need not be typed again.
    const missing = [
      ...(input.password === undefined ? ['password'] : []),
      ...(['nom', 'prenom'] as const).filter((field) => input[field] === undefined && invitation[field] === undefined),
    ];
    if (missing.length > 0) throw invalidFields(missing.map((path) => ({ path, message: `${path} is required to create your account` })));
  }
  const organisation = await getOrganisation(invitation.organisationId);
  if (!organisation) throw invitationNotFound();
  // The acceptance transaction requires an ACTIVE organisation; checked first too before creating a Cognito account.
  if (!caller && organisation.status !== 'ACTIVE') throw organisationInactive();
  return caller ? joinAsExistingUser(invitation, organisation, caller) : joinWithNewAccount(invitation, organisation, input);
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
    details: { email: invitation.email, role: invitation.role, userId, newAccount },
  });

async function joinAsExistingUser(invitation: Invitation, organisation: Organisation, caller: VerifiedUser): Promise<Acceptance> {
  const user = await getUser(caller.userId);
  if (!user) throw new Refusal('profile-not-found', 'Your user profile was not found.');
  // The token alone is not enough for a signed-in user: a forwarded or leaked invitation must not let another
  // account join. The invitation is for the account whose username or email is the invited address.
  const addresses = [user.username, user.email].flatMap((value) => (value ? [value.toLowerCase()] : []));
  if (!addresses.includes(invitation.email.toLowerCase())) {
    throw new Refusal('invitation-for-another-address', 'This invitation was sent to another email address.');
  }
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

async function joinWithNewAccount(
  invitation: Invitation,
  organisation: Organisation,
  input: Infer<typeof acceptInvitationBody>,
): Promise<Acceptance> {
  const username = invitation.email;
  const password = input.password ?? '';
  if (await findUserIdByUsername(username)) {
    throw new Refusal(
      'invitation-account-exists',
      'An account already exists for this email: sign in, then accept the invitation with your token.',
    );
  }
  const user = await withNewAccount({ username, password, email: invitation.email }, async (userId) => {
    const now = nowIso();
    const created: User = {
      id: userId,
      username,
      nom: input.nom ?? invitation.nom ?? '',
      prenom: input.prenom ?? invitation.prenom ?? '',
      email: invitation.email,
      currentOrganisationId: invitation.organisationId,
      createdAt: now,
      updatedAt: now,
    };
    await commitAcceptance(invitation, [
      ...newUserItems(created),
      ...activateMembership(membershipFor(invitation, created, now), { organisationActive: true }),
      ...acceptInvitationItems(invitation, userId, now),
      acceptanceAudit(invitation, userId, true),
    ]);
    return created;
  });
  const tokens = await passwordLogin(username, password);
  return {
    kind: 'account',
    session: sessionOf(tokens, user, organisation, invitation.role, await permissionsIn(organisation.id, invitation.role)),
  };
}
