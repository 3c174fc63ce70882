// Invitation item: ORG#<orgId> / INVITATION#<id>. Two kinds:
// - to an address: a one-time token travels in the e-mail to it; INVITE#<sha256(token)> / GUARD finds the invitation
//   from the token (only the hash is stored);
// - to an account (an admin added an existing username): no token; the account itself accepts or declines it.
// GSI1 files an invitation in its invitee's inbox (INVITEE#USER#<userId> or INVITEE#EMAIL#<address> /
// INVITATION#<id>), so the person lists what is addressed to them and answers one by its id.
import { createHash, randomBytes } from 'node:crypto';
import { normaliseEmail } from './email-verification.ts';
import { organisationPk } from './keys.ts';
import { PROFILE_FIELDS } from './user.ts';

export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'REVOKED' | 'DECLINED';

export interface Invitation {
  id: string;
  organisationId: string;
  /** The invited address (an invitation by e-mail). */
  email?: string;
  /** The invited username (an invitation to an account), as the admin typed it, lower-cased. */
  username?: string;
  /** The account the username named when the invitation was made; absent when it named none (never acceptable). */
  inviteeUserId?: string;
  role: string;
  status: InvitationStatus;
  /** The invitee's names when the inviter gave them (a platform-created organisation's first ADMIN): pre-filled on acceptance. */
  nom?: string;
  prenom?: string;
  expiresAt: string;
  createdBy: string;
  createdAt: string;
  acceptedBy?: string;
  acceptedAt?: string;
  revokedBy?: string;
  revokedAt?: string;
  declinedAt?: string;
}

export const INVITATION_SK_PREFIX = 'INVITATION#';
export const DEFAULT_INVITATION_HOURS = 72;
export const MAX_INVITATION_HOURS = 30 * 24;

export const invitationKey = (organisationId: string, id: string) => ({
  pk: organisationPk(organisationId),
  sk: `${INVITATION_SK_PREFIX}${id}`,
});
export const invitationTokenGuardKey = (tokenHash: string) => ({ pk: `INVITE#${tokenHash}`, sk: 'GUARD' });

export const newInvitationToken = (): string => randomBytes(32).toString('base64url');
export const hashInvitationToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** The inbox an invitation is filed in (GSI1): its account's, or its address's. */
export const inviteeInboxPk = (invitee: { userId: string } | { email: string }): string =>
  'userId' in invitee ? `INVITEE#USER#${invitee.userId}` : `INVITEE#EMAIL#${invitee.email.toLowerCase()}`;
export const inviteeInboxSk = (id: string): string => `${INVITATION_SK_PREFIX}${id}`;

function inboxOf(invitation: Invitation): { gsi1pk: string; gsi1sk: string } | undefined {
  const invitee = invitation.inviteeUserId
    ? { userId: invitation.inviteeUserId }
    : invitation.email
      ? { email: invitation.email }
      : undefined;
  return invitee ? { gsi1pk: inviteeInboxPk(invitee), gsi1sk: inviteeInboxSk(invitation.id) } : undefined;
}

/**
 * The item keeps the token's hash (never the token) so deleting the organisation can find the INVITE# guard; an
 * invitation to an account has no token. It sits in its invitee's inbox while it can still be answered.
 */
export const invitationItem = (invitation: Invitation, tokenHash?: string) => ({
  ...invitationKey(invitation.organisationId, invitation.id),
  ...inboxOf(invitation),
  type: 'Invitation',
  ...(tokenHash ? { tokenHash } : {}),
  ...invitation,
});

export function invitationFromItem(item: Record<string, unknown>): Invitation {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, tokenHash: _hash, ...invitation } = item;
  return invitation as unknown as Invitation;
}

/** Who an invitation is for, as its organisation's admins see it: the address, or the username they typed. */
export const inviteeOf = (invitation: Invitation): { email: string } | { username: string } =>
  invitation.email !== undefined ? { email: invitation.email } : { username: invitation.username ?? '' };

export const isUsable = (invitation: Invitation, now = new Date()) =>
  invitation.status === 'PENDING' && new Date(invitation.expiresAt) > now;

/** The INVITE#<hash> guard: reached by GetItem from a presented token, it names the invitation. */
export const invitationTokenGuardItem = (tokenHash: string, invitation: Pick<Invitation, 'organisationId' | 'id'>) => ({
  ...invitationTokenGuardKey(tokenHash),
  type: 'InvitationToken',
  organisationId: invitation.organisationId,
  invitationId: invitation.id,
});

/** What a listing shows: a PENDING invitation past its expiry reads as EXPIRED (the item itself stays PENDING). */
export const displayedStatus = (invitation: Invitation, now = new Date()): InvitationStatus | 'EXPIRED' =>
  invitation.status === 'PENDING' && new Date(invitation.expiresAt) <= now ? 'EXPIRED' : invitation.status;

/** Why an invitation can no longer be answered, or undefined while it can (PENDING, before its expiry). */
export type UnusableInvitation = 'invitation-used' | 'invitation-revoked' | 'invitation-declined' | 'invitation-expired';

/** The one rule for an invitation's state: answered once (accepted, declined), revoked, or expired at expiresAt. */
export function whyUnusable(invitation: Pick<Invitation, 'status' | 'expiresAt'>, now: Date): UnusableInvitation | undefined {
  if (invitation.status === 'ACCEPTED') return 'invitation-used';
  if (invitation.status === 'REVOKED') return 'invitation-revoked';
  if (invitation.status === 'DECLINED') return 'invitation-declined';
  if (new Date(invitation.expiresAt) <= now) return 'invitation-expired';
  return undefined;
}

/**
 * Whether a signed-in account may accept an invitation sent to an address: only the account that PROVED that address
 * (a forwarded or leaked link must not let another account join; an address someone else set proves nothing).
 */
export function addressAcceptance(
  invitation: { email: string },
  user: { email?: string | undefined; emailVerified?: boolean | undefined },
): 'invitation-for-another-address' | 'email-not-verified' | undefined {
  if (user.email === undefined || normaliseEmail(user.email) !== normaliseEmail(invitation.email)) return 'invitation-for-another-address';
  if (user.emailVerified !== true) return 'email-not-verified';
  return undefined;
}

/** What only a new account takes: a signed-in caller sends none of it (their own account gets the membership). */
export const NEW_ACCOUNT_FIELDS = ['password', 'confirmPassword', 'nom', 'prenom', 'locale', ...PROFILE_FIELDS, 'username'] as const;

/**
 * The fields an acceptance is missing or must not carry: signed in, none of the new account's; anonymous, a password
 * and the names the inviter did not give. Each as { path, message }, in the order of the body's fields.
 */
export function acceptanceFieldErrors(
  input: { [F in (typeof NEW_ACCOUNT_FIELDS)[number]]?: unknown },
  invitation: Pick<Invitation, 'nom' | 'prenom'>,
  signedIn: boolean,
): Array<{ path: string; message: string }> {
  if (signedIn) {
    return NEW_ACCOUNT_FIELDS.filter((field) => input[field] !== undefined).map((path) => ({
      path,
      message: `${path} is not accepted when signed in: the membership is added to your account`,
    }));
  }
  const missing = [
    ...(input.password === undefined ? ['password'] : []),
    ...(['nom', 'prenom'] as const).filter((field) => input[field] === undefined && invitation[field] === undefined),
  ];
  return missing.map((path) => ({ path, message: `${path} is required to create your account` }));
}
