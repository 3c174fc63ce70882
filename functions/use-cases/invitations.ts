// Invitations, the inviting side: an admin invites an address (the one-time token travels only in the e-mail sent
// there, the mail job commits with the invitation, the token is stored only as a hash) or an existing account (no
// token: the account accepts from its inbox), lists and revokes them. Accepting is invitation-acceptance.ts (with
// the token) and invitation-inbox.ts (signed in, from the inbox); both are re-exported here for the handlers.
import { newId, nowIso } from '#core/ids';
import {
  DEFAULT_INVITATION_HOURS,
  displayedStatus,
  hashInvitationToken,
  type Invitation,
  inviteeOf,
  newInvitationToken,
} from '#domain/invitation';
import { organisationPk } from '#domain/keys';
import type { Locale, MailJob } from '#domain/mail';
import * as refusals from '#domain/refusals';
import type { TenantContext } from '#domain/tenant';
import { defaultLocale, deliverNow, newMailJob } from '#mail/delivery';
import { transactAs } from '#repositories/actor';
import { auditRecord } from '#repositories/audit';
import { GUARD } from '#repositories/guards';
import {
  getInvitation,
  listInvitations as listInvitationItems,
  newAccountInvitationItems,
  newInvitationItems,
  revokeInvitationItems,
} from '#repositories/invitations';
import { getMember } from '#repositories/members';
import { assertCanGrant } from '#repositories/roles';
import { conditionFailed, type NamedItem } from '#repositories/transactions';
import { findUserIdByUsername } from '#repositories/users';
import type { Infer } from '#schemas/lazy';
import type { createInvitationBody, invitationView as InvitationViewSchema, invitationListQuery } from '#schemas/members';
import { type Client, memberAdditionLimits } from './abuse-limits.ts';

export { type Acceptance, acceptInvitation } from './invitation-acceptance.ts';
export { acceptReceivedInvitation, declineReceivedInvitation, listReceivedInvitations } from './invitation-inbox.ts';

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
    throw refusals.alreadyMember();
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
  if (!invitation) throw refusals.invitationNotFound();
  if (invitation.status !== 'PENDING') throw refusals.invitationNotPending(invitation.status);
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
      throw refusals.invitationNotPending(undefined, { cause: error });
    }
    throw error;
  }
}
