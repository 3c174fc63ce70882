// Seed 004's "assign an admin to an organisation": a member of the organisation is made ADMIN (a role change, which
// their membership already consented to); anyone else is only invited as ADMIN, and becomes one by accepting. Every
// rule is the member and invitation use cases' own (who may grant ADMIN, seats, the last admin, the limits).
import type { TenantContext } from '#domain/tenant';
import { getMember } from '#repositories/members';
import { assertCanGrant } from '#repositories/roles';
import { getUser } from '#repositories/users';
import type { Client } from './abuse-limits.ts';
import { createInvitation, type invitationView, inviteAccountAs } from './invitations.ts';
import { type MemberView, updateMember } from './members.ts';

export type AdminAssignment =
  | { outcome: 'promoted'; member: MemberView }
  | { outcome: 'invited'; invitation: ReturnType<typeof invitationView>; email?: string | undefined };

/** The person named, by their account's id or by the details of someone to invite at an address. */
export type AdminCandidate =
  | { userId: string }
  | { email: string; nom?: string | undefined; prenom?: string | undefined; locale?: 'fr' | 'en' | undefined };

export async function assignAdmin(tenant: TenantContext, candidate: AdminCandidate, client: Client): Promise<AdminAssignment> {
  if ('email' in candidate) {
    const { invitation } = await createInvitation(
      tenant,
      { email: candidate.email, role: 'ADMIN', locale: candidate.locale, nom: candidate.nom, prenom: candidate.prenom },
      client,
    );
    return { outcome: 'invited', invitation, email: candidate.email };
  }
  const { userId } = candidate;
  if (await getMember(tenant, userId)) {
    return { outcome: 'promoted', member: await updateMember(tenant, userId, { role: 'ADMIN' }) };
  }
  await assertCanGrant(tenant, 'ADMIN');
  // An id that names no account is invited all the same (the invitation expires unanswered): the answer never says
  // whether an account exists.
  const user = await getUser(userId);
  const { invitation } = await inviteAccountAs(
    tenant,
    { name: user?.username ?? userId, userId: user ? userId : undefined },
    'ADMIN',
    client,
  );
  return { outcome: 'invited', invitation };
}
