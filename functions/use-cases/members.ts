// Members of the caller's organisation: list, add (an existing user or a new account), change role or status,
// remove. Each change is one transaction with its invariants (seats, last admin, role usage) and audit entry.
import { nowIso } from '#core/ids';
import { normaliseEmail } from '#domain/email-verification';
import type { Membership } from '#domain/membership';
import { Refusal } from '#domain/refusal';
import { roleWithin } from '#domain/role-grants';
import type { TenantContext } from '#domain/tenant';
import { profileFieldsOf, type User } from '#domain/user';
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
  const limit = memberAdditionLimits(client, tenant.userId);
  await assertCanGrant(tenant, input.role);
  const now = nowIso();
  const membershipOf = (user: Pick<User, 'id' | 'username' | 'nom' | 'prenom'>): Membership => ({
    organisationId: tenant.organisationId,
    userId: user.id,
    username: user.username,
    nom: user.nom,
    prenom: user.prenom,
    role: input.role,
    status: 'ACTIVE',
    joinedAt: now,
    updatedAt: now,
  });
  const audit = (m: Membership, newAccount: boolean) =>
    auditRecord({
      organisationId: tenant.organisationId,
      action: 'member.added',
      actorId: tenant.userId,
      target: m.userId,
      details: { username: m.username, role: m.role, newAccount },
    });

  const { password, nom, prenom, email } = input;
  return withNewAccount({ username: input.username, password, email: email && normaliseEmail(email) }, async (userId) => {
    const user: User = {
      id: userId,
      username: input.username,
      nom: nom ?? '',
      prenom: prenom ?? '',
      // An address the admin typed is never a verified one: its owner proves it (verify-email/resend) if they wish.
      ...(email ? { email: normaliseEmail(email), emailVerified: false } : {}),
      ...profileFieldsOf(input),
      // The new account's tokens are issued for this organisation, its only one.
      currentOrganisationId: tenant.organisationId,
      createdAt: now,
      updatedAt: now,
    };
    const membership = membershipOf(user);
    try {
      await commitMembership(tenant, [...newUserItems(user), ...activateMembership(membership), ...limit.items, audit(membership, true)]);
    } catch (error) {
      limit.refused(error);
      throw error;
    }
    return memberView(membership);
  });
}

/** The member, provided the caller could hold the member's role: nobody manages someone above their level. */
async function manageableMember(tenant: TenantContext, userId: string): Promise<Membership> {
  const member = await getMember(tenant, userId);
  if (!member) throw new Refusal('member-not-found', 'Member not found.');
  const permissions = (await findRolePermissions(tenant, member.role)) ?? [];
  if (!roleWithin(tenant.permissions, permissions)) {
    throw new Refusal('member-above-caller', 'You cannot manage a member whose role has permissions you do not have.');
  }
  return member;
}

export async function updateMember(tenant: TenantContext, userId: string, changes: Infer<typeof updateMemberBody>): Promise<MemberView> {
  if (userId === tenant.userId) throw new Refusal('cannot-change-own-membership', 'You cannot change your own membership.');
  const member = await manageableMember(tenant, userId);
  if (member.status === 'PENDING') {
    throw new Refusal('membership-awaiting-approval', 'This membership awaits approval: approve or reject the join request instead.');
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
