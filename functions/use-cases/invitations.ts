// Invitations: an admin invites an email with a role; the one-time token travels only in the e-mail sent to that
// address (the mail job commits with the invitation) and is stored only as a hash. Accepting creates the account
// (anonymous caller: the address is then proven, the link was delivered there) or adds the membership (signed-in
// caller whose VERIFIED address is the invited one), in one transaction that also marks the invitation ACCEPTED,
// so a token works exactly once.
import { newId, nowIso } from '#core/ids';
import { normaliseEmail } from '#domain/email-verification';
import { DEFAULT_INVITATION_HOURS, displayedStatus, hashInvitationToken, type Invitation, newInvitationToken } from '#domain/invitation';
import { organisationPk } from '#domain/keys';
import type { Locale, MailJob } from '#domain/mail';
import type { Membership } from '#domain/membership';
import type { Organisation } from '#domain/organisation';
import type { VerifiedUser } from '#domain/principal';
import { invalidFields, Refusal } from '#domain/refusal';
import type { TenantContext } from '#domain/tenant';
import { profileFieldsOf, type User } from '#domain/user';
import { transactAs } from '#repositories/actor';
import { auditRecord } from '#repositories/audit';
import { claimVerifiedEmail, EMAIL_GUARD } from '#repositories/email-verification';
import { GUARD } from '#repositories/guards';
import {
  acceptInvitationItem,
  findInvitationByTokenHash,
  getInvitation,
  listInvitations as listInvitationItems,
  newInvitationItems,
  reloadInvitation,
  revokeInvitationItem,
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
import { defaultLocale, deliverNow, newMailJob } from './mail-delivery.ts';
import { signInNewAccount } from './signed-in.ts';
import { type Session, sessionOf } from './views.ts';

const invitationNotFound = () => new Refusal('invitation-not-found', 'Invitation not found.');

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
  /** The language of the invitation e-mail; the configured default when absent. */
  locale?: Locale | undefined;
  /** The organisation's name when the caller has it; otherwise it is read when the e-mail is sent. */
  organisationName?: string | undefined;
}

/**
 * A new invitation and the transaction items storing it: the invitation, its token-hash guard and the mail job that
 * carries the one-time link to the invited address (the token exists nowhere else). The caller checks the role may
 * be granted, adds its audit entry, commits, then calls deliverNow([job]). Also used for an organisation's first
 * ADMIN invited by a platform super-admin.
 */
export function prepareInvitation(draft: InvitationDraft): { invitation: Invitation; job: MailJob; items: NamedItem[] } {
  const now = new Date();
  const invitation: Invitation = {
    id: newId(),
    organisationId: draft.organisationId,
    email: draft.email.toLowerCase(),
    role: draft.role,
    status: 'PENDING',
    expiresAt: new Date(now.getTime() + (draft.expiresInHours ?? DEFAULT_INVITATION_HOURS) * 3_600_000).toISOString(),
    createdBy: draft.createdBy,
    createdAt: now.toISOString(),
  };
  const token = newInvitationToken();
  const mail = newMailJob(
    {
      ownerPk: organisationPk(invitation.organisationId),
      template: 'invitation',
      audience: { kind: 'address', to: invitation.email, locale: draft.locale ?? defaultLocale() },
      params: {
        role: invitation.role,
        expiresAt: invitation.expiresAt,
        ...(draft.organisationName ? { organisationName: draft.organisationName } : {}),
      },
      linkToken: token,
    },
    now,
  );
  return { invitation, job: mail.job, items: [...newInvitationItems(invitation, hashInvitationToken(token)), mail.item] };
}

export async function createInvitation(tenant: TenantContext, input: Infer<typeof createInvitationBody>) {
  await assertCanGrant(tenant, input.role);
  const { invitation, job, items } = prepareInvitation({ ...input, organisationId: tenant.organisationId, createdBy: tenant.userId });
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
  await deliverNow([job]);
  // The same answer whatever the address: it never tells whether an account exists for it.
  return { invitation: invitationView(invitation) };
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
      revokeInvitationItem(invitation, tenant.userId, nowIso()),
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
      if (error.has(EMAIL_GUARD.verified)) {
        throw new Refusal(
          'invitation-account-exists',
          'An account already owns this address: sign in with it, then accept the invitation.',
          {},
          { cause: error },
        );
      }
    }
    membershipConflict(error);
  }
}

const ACCOUNT_FIELDS = [
  'password',
  'confirmPassword',
  'nom',
  'prenom',
  'locale',
  'phone',
  'avatarUrl',
  'dateOfBirth',
  'gender',
  'location',
  'bio',
  'specialization',
] as const;

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
  } else {
    const missing = (['password', 'nom', 'prenom'] as const).filter((field) => input[field] === undefined);
    if (missing.length > 0) throw invalidFields(missing.map((path) => ({ path, message: `${path} is required to create your account` })));
  }

  const invitation = await usableInvitation(input.token);
  const organisation = await getOrganisation(invitation.organisationId);
  if (!organisation) throw invitationNotFound();
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
  // account join. The invitation belongs to the account that PROVED the invited address; a username that looks
  // like it, or an address someone else set (an admin creating the account), proves nothing.
  const invited = normaliseEmail(invitation.email);
  if (user.email === undefined || normaliseEmail(user.email) !== invited) {
    throw new Refusal('invitation-for-another-address', 'This invitation was sent to another email address.');
  }
  if (user.emailVerified !== true) {
    throw new Refusal(
      'email-not-verified',
      'Verify your email address first (the link sent to it, or POST /api/auth/verify-email/resend), then accept the invitation.',
    );
  }
  const now = nowIso();
  await commitAcceptance(invitation, [
    ...activateMembership(membershipFor(invitation, user, now)),
    acceptInvitationItem(invitation, user.id, now),
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
  // The link reached the invited address, so the new account's address is proven (in Cognito too).
  const user = await withNewAccount({ username, password, email: invitation.email, emailVerified: true }, async (userId) => {
    const now = nowIso();
    const created: User = {
      id: userId,
      username,
      nom: input.nom ?? '',
      prenom: input.prenom ?? '',
      email: invitation.email,
      emailVerified: true,
      emailVerifiedAt: now,
      ...(input.locale ? { locale: input.locale } : {}),
      ...profileFieldsOf(input),
      currentOrganisationId: invitation.organisationId,
      createdAt: now,
      updatedAt: now,
    };
    await commitAcceptance(invitation, [
      ...newUserItems(created),
      claimVerifiedEmail(invitation.email, userId),
      ...activateMembership(membershipFor(invitation, created, now)),
      acceptInvitationItem(invitation, userId, now),
      acceptanceAudit(invitation, userId, true),
    ]);
    return created;
  });
  const tokens = await signInNewAccount(username, password);
  return {
    kind: 'account',
    session: sessionOf(tokens, user, organisation, invitation.role, await permissionsIn(organisation.id, invitation.role)),
  };
}
