// Invitations: an admin invites an email with a role; the one-time token travels only in the e-mail sent to that
// address (the mail job commits with the invitation) and is stored only as a hash. Accepting creates the account
// (anonymous caller: the address is then proven, the link was delivered there) or adds the membership (signed-in
// caller whose VERIFIED address is the invited one), in one transaction that also marks the invitation ACCEPTED,
// so a token works exactly once.
import { newId, nowIso } from '#core/ids';
import { normaliseEmail } from '#domain/email-verification';
import {
  DEFAULT_INVITATION_HOURS,
  displayedStatus,
  hashInvitationToken,
  type Invitation,
  inviteeInboxPk,
  inviteeOf,
  isUsable,
  newInvitationToken,
} from '#domain/invitation';
import { organisationPk } from '#domain/keys';
import type { Locale, MailJob } from '#domain/mail';
import type { Membership } from '#domain/membership';
import type { Organisation } from '#domain/organisation';
import type { VerifiedUser } from '#domain/principal';
import { invalidFields, Refusal } from '#domain/refusal';
import type { TenantContext } from '#domain/tenant';
import { newUser, PROFILE_FIELDS, type User } from '#domain/user';
import { defaultLocale, deliverNow, newMailJob } from '#mail/delivery';
import { transactAs } from '#repositories/actor';
import { auditRecord } from '#repositories/audit';
import { claimVerifiedEmail, EMAIL_GUARD, isVerifiedElsewhere } from '#repositories/email-verification';
import { GUARD } from '#repositories/guards';
import {
  acceptInvitationItems,
  declineInvitationItems,
  findInInbox,
  findInvitationByTokenHash,
  getInvitation,
  listInbox,
  listInvitations as listInvitationItems,
  newAccountInvitationItems,
  newInvitationItems,
  reloadInvitation,
  revokeInvitationItems,
} from '#repositories/invitations';
import { getMember } from '#repositories/members';
import { activateMembership, membershipConflict } from '#repositories/memberships';
import { getOrganisation, getOrganisationsByIds } from '#repositories/organisations';
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
import { type Client, limitAcceptance, memberAdditionLimits } from './abuse-limits.ts';
import { withNewAccount } from './accounts.ts';
import { signInNewAccount } from './signed-in.ts';
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

// Invitations to an account (an admin added an existing username): the person consents before they are a member.

/**
 * POST …/members {username, role} for an existing account: an invitation addressed to that account, which it
 * accepts or declines from its inbox. The same answer whether or not the username names an account — it never says
 * which, nor gives the account's id or names — and an invitation to no account simply expires unanswered.
 */
export async function inviteAccount(tenant: TenantContext, input: { username: string; role: string }, client: Client) {
  await assertCanGrant(tenant, input.role);
  return inviteAccountAs(tenant, { name: input.username, userId: await findUserIdByUsername(input.username) }, input.role, client);
}

/**
 * The one owner of "an existing account is invited, never added": an invitation addressed to the account `userId`
 * (none: to nobody, so it expires unanswered), filed in its inbox, announced at its own address ('invitation.account',
 * no secret: it answers signed in, POST /api/auth/invitations/{id}/accept), counted in the KPIs, limited like any
 * member addition and audited, in ONE transaction by `actor` (re-checked inside it: repositories/actor.ts; a platform
 * operator's entry also goes to the platform trail). The caller checked `role` may be granted. `name` is how the
 * inviter named the account (a username, or the address a platform operator typed): the invitation shows it.
 */
export async function inviteAccountAs(
  actor: TenantContext,
  invitee: { name: string; userId: string | undefined },
  role: string,
  client: Client,
  auditDetails: Record<string, unknown> = {},
) {
  const limit = memberAdditionLimits(client, actor.userId);
  const inviteeUserId = invitee.userId;
  // Someone already in the organisation (any status) is listed to its admins anyway: saying so reveals nothing.
  if (inviteeUserId && (await getMember(actor, inviteeUserId))) {
    throw new Refusal('already-member', 'This user is already a member of the organisation.');
  }
  const now = new Date();
  const invitation: Invitation = {
    id: newId(),
    organisationId: actor.organisationId,
    username: invitee.name.toLowerCase(),
    ...(inviteeUserId ? { inviteeUserId } : {}),
    role,
    status: 'PENDING',
    expiresAt: new Date(now.getTime() + DEFAULT_INVITATION_HOURS * 3_600_000).toISOString(),
    createdBy: actor.userId,
    createdAt: now.toISOString(),
  };
  // The account hears of it at its own address (no secret in the message: it answers signed in).
  const mail = inviteeUserId
    ? newMailJob(
        {
          ownerPk: organisationPk(actor.organisationId),
          template: 'invitation.account',
          audience: { kind: 'user', userId: inviteeUserId },
          params: { role: invitation.role, expiresAt: invitation.expiresAt },
        },
        now,
      )
    : undefined;
  try {
    await transactAs(actor, [
      ...newAccountInvitationItems(invitation),
      ...(mail ? [mail.item] : []),
      ...limit.items,
      auditRecord({
        organisationId: actor.organisationId,
        action: 'invitation.created',
        actorId: actor.userId,
        target: invitation.id,
        details: { username: invitation.username, role: invitation.role, expiresAt: invitation.expiresAt, ...auditDetails },
      }),
    ]);
  } catch (error) {
    limit.refused(error);
    throw error;
  }
  if (mail) await deliverNow([mail.job]);
  return { invitation: invitationView(invitation) };
}

/** The inboxes of a person: their account's, and their address's once they proved it. */
async function inboxesOf(caller: VerifiedUser): Promise<{ user: User; inboxes: string[] }> {
  const user = await getUser(caller.userId);
  if (!user) throw new Refusal('profile-not-found', 'Your user profile was not found.');
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
  if (!invitation) throw invitationNotFound();
  refuseUnusable(invitation);
  return { user, invitation };
}

/** POST /api/auth/invitations/{id}/accept: the caller consents; the membership is created in the same transaction. */
export async function acceptReceivedInvitation(caller: VerifiedUser, invitationId: string, client: Client): Promise<Acceptance> {
  await limitAcceptance(client, caller.userId);
  const { user, invitation } = await receivedInvitation(caller, invitationId);
  const organisation = await getOrganisation(invitation.organisationId);
  if (!organisation) throw invitationNotFound();
  if (isAddressInvitation(invitation)) return addToAccount(invitation, organisation, user);
  if (invitation.inviteeUserId !== user.id) throw invitationNotFound();
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
    throw new Refusal('invitation-expired', 'This invitation has expired.', {}, { cause: error });
  }
}

export const invitationView = (invitation: Invitation): Infer<typeof InvitationViewSchema> => ({
  id: invitation.id,
  ...inviteeOf(invitation),
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
  /** The invitee's names, when the inviter knows them: the invitee need not type them again when accepting. */
  nom?: string | undefined;
  prenom?: string | undefined;
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
    ...(draft.nom ? { nom: draft.nom } : {}),
    ...(draft.prenom ? { prenom: draft.prenom } : {}),
    expiresAt: new Date(now.getTime() + (draft.expiresInHours ?? DEFAULT_INVITATION_HOURS) * 3_600_000).toISOString(),
    createdBy: draft.createdBy,
    createdAt: now.toISOString(),
  };
  const token = newInvitationToken();
  const mail = newMailJob(
    {
      ownerPk: organisationPk(invitation.organisationId),
      template: 'invitation',
      audience: { kind: 'address', to: draft.email.toLowerCase(), locale: draft.locale ?? defaultLocale() },
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

export async function createInvitation(tenant: TenantContext, input: Infer<typeof createInvitationBody>, client: Client) {
  await assertCanGrant(tenant, input.role);
  // Each invitation sends an e-mail to an address the caller chose: counted like any other member addition.
  const limit = memberAdditionLimits(client, tenant.userId);
  const { invitation, job, items } = prepareInvitation({ ...input, organisationId: tenant.organisationId, createdBy: tenant.userId });
  try {
    await transactAs(tenant, [
      ...items,
      ...limit.items,
      auditRecord({
        organisationId: tenant.organisationId,
        action: 'invitation.created',
        actorId: tenant.userId,
        target: invitation.id,
        details: { email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt },
      }),
    ]);
  } catch (error) {
    limit.refused(error);
    throw error;
  }
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
      ...revokeInvitationItems(invitation, tenant.userId, nowIso()),
      auditRecord({
        organisationId: tenant.organisationId,
        action: 'invitation.revoked',
        actorId: tenant.userId,
        target: invitation.id,
        details: { ...inviteeOf(invitation), role: invitation.role },
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
  if (invitation.status === 'DECLINED') throw new Refusal('invitation-declined', 'This invitation has been declined.');
  if (new Date(invitation.expiresAt) <= new Date()) throw new Refusal('invitation-expired', 'This invitation has expired.');
}

/** An invitation sent to an address (the kind that has a token), with that address. */
type AddressInvitation = Invitation & { email: string };
const isAddressInvitation = (invitation: Invitation): invitation is AddressInvitation => invitation.email !== undefined;

async function usableInvitation(token: string): Promise<AddressInvitation> {
  const invitation = await findInvitationByTokenHash(hashInvitationToken(token));
  if (!invitation || !isAddressInvitation(invitation)) throw invitationNotFound();
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
      // The seat condition and the organisation's status share the organisation's update: read it to tell them apart.
      if (error.has(GUARD.seat) && (await getOrganisation(invitation.organisationId))?.status !== 'ACTIVE')
        throw organisationInactive(error);
    }
    membershipConflict(error);
  }
}

/** What only a new account takes: refused from a signed-in caller, whose own account gets the membership. */
const ACCOUNT_FIELDS = ['password', 'confirmPassword', 'nom', 'prenom', 'locale', ...PROFILE_FIELDS, 'username'] as const;

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
  if (!user) throw new Refusal('profile-not-found', 'Your user profile was not found.');
  return addToAccount(invitation, organisation, user);
}

/** The membership an address invitation gives the account that proved that address. */
async function addToAccount(invitation: AddressInvitation, organisation: Organisation, user: User): Promise<Acceptance> {
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
  return commitMembershipAcceptance(invitation, organisation, user);
}

async function commitMembershipAcceptance(invitation: Invitation, organisation: Organisation, user: User): Promise<Acceptance> {
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
    throw new Refusal(
      'invitation-account-exists',
      'An account already owns this address: sign in with it, then accept the invitation (with its link, or from your invitations).',
    );
  }
  if (await findUserIdByUsername(username)) {
    throw new Refusal('username-taken', 'This username is already taken: choose another username for your account (send "username").', {
      fields: [{ path: 'username', message: 'Username is already taken: choose another one' }],
    });
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
