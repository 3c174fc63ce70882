// Who is told what: the mail jobs the joining, review and (later) password-reset use cases add to their transactions.
// Reviewers and admins are resolved when the message is delivered (mail/delivery.ts), from the live
// memberships: every ACTIVE member whose role (custom roles included) holds the permission, at a verified address.
import type { JoinRequest } from '#domain/join-request';
import { organisationPk, userPk } from '#domain/keys';
import type { User } from '#domain/user';
import { defaultLocale, newMailJob } from './delivery.ts';

const displayName = (person: Pick<User, 'nom' | 'prenom' | 'username'>) => `${person.prenom} ${person.nom}`.trim() || person.username;

/**
 * Someone redeemed the organisation's join code. With approval required, every member who may review join requests
 * (join-requests:manage) is asked to; otherwise the organisation's admins — the members who may manage members
 * (members:manage) — are told who joined. Queued: the sweeper delivers it (within its period), so a join never sends
 * one message per admin inside the request.
 */
export function joinedMail(
  organisation: { id: string; nom: string },
  person: Pick<User, 'nom' | 'prenom' | 'username'>,
  role: string,
  requiresApproval: boolean,
) {
  const params = { organisationName: organisation.nom };
  return newMailJob(
    requiresApproval
      ? {
          ownerPk: organisationPk(organisation.id),
          template: 'join-request.created',
          audience: { kind: 'members', organisationId: organisation.id, permission: 'join-requests:manage' },
          params: { ...params, requesterName: displayName(person), requesterUsername: person.username, requestedRole: role },
        }
      : {
          ownerPk: organisationPk(organisation.id),
          template: 'member.joined-by-code',
          audience: { kind: 'members', organisationId: organisation.id, permission: 'members:manage' },
          params: { ...params, memberName: displayName(person), memberUsername: person.username, role },
        },
    new Date(),
    { queued: true },
  );
}

/** A join request was approved or rejected: the requester is told, at their own address (verified or stated). */
export function reviewedMail(request: JoinRequest, outcome: { status: 'APPROVED'; role: string } | { status: 'REJECTED'; reason: string }) {
  return newMailJob({
    ownerPk: organisationPk(request.organisationId),
    template: outcome.status === 'APPROVED' ? 'join-request.approved' : 'join-request.rejected',
    audience: { kind: 'user', userId: request.userId },
    // The organisation's name is read when the message is sent (mail/delivery.ts).
    params: outcome.status === 'APPROVED' ? { role: outcome.role } : { reason: outcome.reason },
  });
}

/**
 * The password-reset link (for the reset flow, a later task): only ever to the account's PROVEN address, or to
 * nobody (undefined) — the caller then answers exactly as for an unknown account. The flow stores only the token's
 * hash, commits this job with it and calls deliverNow([job]).
 */
export function passwordResetMail(user: User, token: string, validMinutes: number) {
  if (!user.email || user.emailVerified !== true) return undefined;
  return newMailJob({
    ownerPk: userPk(user.id),
    template: 'password-reset',
    audience: { kind: 'address', to: user.email, locale: user.locale ?? defaultLocale() },
    params: { username: user.username, validMinutes: String(validMinutes) },
    linkToken: token,
  });
}
