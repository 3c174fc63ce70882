// Members of the caller's organisation: list, add (an existing user or a new account), change role or status,
// remove. Each change is one transaction with its invariants (seats, last admin, role usage) and audit entry.
import { nowIso } from '#core/ids';
import { normaliseEmail } from '#domain/email-verification';
import type { Locale, MailJob } from '#domain/mail';
import type { Membership } from '#domain/membership';
import * as refusals from '#domain/refusals';
import { roleWithin } from '#domain/role-grants';
import type { TenantContext } from '#domain/tenant';
import { newUser, type ProfileFields, profileFieldsOf, type User } from '#domain/user';
import { transactAs } from '#repositories/actor';
import { auditRecord } from '#repositories/audit';
import { getMember, listMembers as listMemberItems } from '#repositories/members';
import { activateMembership, changeMembership, membershipConflict, removeMembership } from '#repositories/memberships';
import { assertCanGrant, findRolePermissions } from '#repositories/roles';
import type { NamedItem } from '#repositories/transactions';
import { newUserItems } from '#repositories/users';
import type { Infer } from '#schemas/lazy';
import type { addMemberBody, memberView as MemberViewSchema, updateMemberBody } from '#schemas/members';
import { type Client, memberAdditionLimits } from './abuse-limits.ts';
import { withNewAccount } from './accounts.ts';
import { type invitationView, inviteAccount } from './invitations.ts';

export const memberView = (m: Membership): Infer<typeof MemberViewSchema> => ({
  userId: m.userId,
  username: m.username,
  nom: m.nom,
  prenom: m.prenom,
  role: m.role,
  status: m.status,
  joinedAt: m.joinedAt,
});

export type MemberView = ReturnType<typeof memberView>;

/** Commits a membership change by `actor` (re-checked in the same transaction), turning a refused invariant into its refusal. */
export async function commitMembership(actor: TenantContext, items: NamedItem[]): Promise<void> {
  try {
    await transactAs(actor, items);
  } catch (error) {
    membershipConflict(error);
  }
}

export async function listMembers(tenant: TenantContext, page: { limit: number; cursor?: string | undefined }) {
  const { items, nextCursor } = await listMemberItems(tenant, page);
  return { items: items.map(memberView), nextCursor };
}

/**
 * POST …/members: a new account created in the organisation (seed 004's agents) joins it at once; an existing
 * account is only invited — nobody becomes a member without consenting (use-cases/invitations.ts inviteAccount).
 */
export async function addMember(
  tenant: TenantContext,
  input: Infer<typeof addMemberBody>,
  client: Client,
): Promise<{ outcome: 'added'; member: MemberView } | { outcome: 'invited'; invitation: ReturnType<typeof invitationView> }> {
  if (input.password === undefined) {
    const { invitation } = await inviteAccount(tenant, { username: input.username, role: input.role }, client);
    return { outcome: 'invited', invitation };
  }
  return { outcome: 'added', member: await addNewAccount(tenant, { ...input, password: input.password }, client) };
}

async function addNewAccount(
  tenant: TenantContext,
  input: Infer<typeof addMemberBody> & { password: string },
  client: Client,
): Promise<MemberView> {
  await assertCanGrant(tenant, input.role);
  const { email } = input;
  const { membership } = await addNewAccountAs(
    tenant,
    {
      username: input.username,
      password: input.password,
      nom: input.nom ?? '',
      prenom: input.prenom ?? '',
      // An address the admin typed is never a verified one: its owner proves it (verify-email/resend) if they wish.
      ...(email ? { email: normaliseEmail(email) } : {}),
      profile: profileFieldsOf(input),
    },
    input.role,
    client,
  );
  return memberView(membership);
}

/** A person's new account as its creator (an organisation's admin, a platform operator) describes it. */
export interface NewMemberAccount {
  username: string;
  /** The first password: the admin's choice, or a random one nobody knows (a set-password link follows). */
  password: string;
  nom: string;
  prenom: string;
  /** An address someone else set: stored unverified, whatever it is (only its owner proves it). */
  email?: string;
  locale?: Locale;
  profile?: ProfileFields;
}

/**
 * The one owner of "a new account created in an organisation joins it at once": the Cognito user (withNewAccount:
 * orphan-safe, compensated), then ONE transaction by `actor` (re-checked inside it) with the account, its ACTIVE
 * membership (a seat, and the organisation ACTIVE: a refusal reads organisation-full, the caller tells a suspension
 * apart), the member-addition limits, the 'member.added' audit entry and whatever `extra` adds for the new account
 * (a set-password link and its mail job). The caller checked `role` may be granted; it delivers the jobs returned.
 */
export async function addNewAccountAs(
  actor: TenantContext,
  account: NewMemberAccount,
  role: string,
  client: Client,
  options: { auditDetails?: Record<string, unknown>; extra?: (user: User) => { items: NamedItem[]; jobs: MailJob[] } } = {},
): Promise<{ membership: Membership; user: User; jobs: MailJob[] }> {
  const limit = memberAdditionLimits(client, actor.userId);
  const { email } = account;
  return withNewAccount({ username: account.username, password: account.password, email }, async (userId) => {
    const now = nowIso();
    const user = newUser(
      {
        id: userId,
        username: account.username,
        nom: account.nom,
        prenom: account.prenom,
        email: email ? { address: email, proof: 'stated' } : undefined,
        locale: account.locale,
        ...account.profile,
        // The new account's tokens are issued for this organisation, its only one.
        currentOrganisationId: actor.organisationId,
      },
      now,
    );
    const membership: Membership = {
      organisationId: actor.organisationId,
      userId,
      username: user.username,
      nom: user.nom,
      prenom: user.prenom,
      role,
      status: 'ACTIVE',
      joinedAt: now,
      updatedAt: now,
    };
    const extra = options.extra?.(user) ?? { items: [], jobs: [] };
    try {
      await commitMembership(actor, [
        ...newUserItems(user),
        ...activateMembership(membership, { organisationActive: true }),
        ...extra.items,
        ...limit.items,
        auditRecord({
          organisationId: actor.organisationId,
          action: 'member.added',
          actorId: actor.userId,
          target: userId,
          details: { username: user.username, role, newAccount: true, ...options.auditDetails },
        }),
      ]);
    } catch (error) {
      limit.refused(error);
      throw error;
    }
    return { membership, user, jobs: extra.jobs };
  });
}

/** The member, provided the caller could hold the member's role: nobody manages someone above their level. */
async function manageableMember(tenant: TenantContext, userId: string): Promise<Membership> {
  const member = await getMember(tenant, userId);
  if (!member) throw refusals.memberNotFound();
  const permissions = (await findRolePermissions(tenant, member.role)) ?? [];
  if (!roleWithin(tenant.permissions, permissions)) {
    throw refusals.memberAboveCaller();
  }
  return member;
}

export async function updateMember(tenant: TenantContext, userId: string, changes: Infer<typeof updateMemberBody>): Promise<MemberView> {
  if (userId === tenant.userId) throw refusals.cannotChangeOwnMembership();
  const member = await manageableMember(tenant, userId);
  if (member.status === 'PENDING') {
    throw refusals.membershipAwaitingApproval('member');
  }
  if (changes.role !== undefined) await assertCanGrant(tenant, changes.role);
  return changeMemberAs(tenant, member, changes);
}

/**
 * Changes a member's role and/or status as `actor`, who was allowed to (the caller checked it): ONE transaction with
 * the invariants (last ADMIN, seats, custom-role usage counts, the membership unchanged since read) and the audit
 * entries. Shared with the platform's member route, whose actor is a platform operator.
 */
export async function changeMemberAs(
  actor: TenantContext,
  member: Membership,
  changes: Infer<typeof updateMemberBody>,
  auditDetails: Record<string, unknown> = {},
): Promise<MemberView> {
  const next = { role: changes.role ?? member.role, status: changes.status ?? member.status };
  if (next.role === member.role && next.status === member.status) return memberView(member);

  const audits: NamedItem[] = [];
  const record = (action: string, details: Record<string, unknown>) =>
    audits.push(
      auditRecord({
        organisationId: actor.organisationId,
        action,
        actorId: actor.userId,
        target: member.userId,
        details: { ...details, ...auditDetails },
      }),
    );
  if (next.role !== member.role) record('member.role-changed', { from: member.role, to: next.role });
  if (next.status !== member.status) record(next.status === 'SUSPENDED' ? 'member.suspended' : 'member.reactivated', { role: next.role });

  await commitMembership(actor, [
    ...changeMembership(member, { role: next.role, status: next.status as 'ACTIVE' | 'SUSPENDED' }),
    ...audits,
  ]);
  return memberView({ ...member, ...next });
}

/** Removes a member; a member may also remove themselves (leave), but never the organisation's last ADMIN. */
export async function removeMember(tenant: TenantContext, userId: string): Promise<void> {
  const member = await manageableMember(tenant, userId);
  await commitMembership(tenant, [
    ...removeMembership(member),
    auditRecord({
      organisationId: tenant.organisationId,
      action: 'member.removed',
      actorId: tenant.userId,
      target: userId,
      details: { username: member.username, role: member.role, status: member.status },
    }),
  ]);
}
