// Invitation item: ORG#<orgId> / INVITATION#<id>. Two kinds:
// - to an address: a one-time token travels in the e-mail to it; INVITE#<sha256(token)> / GUARD finds the invitation
//   from the token (only the hash is stored);
// - to an account (an admin added an existing username): no token; the account itself accepts or declines it.
// GSI1 files an invitation in its invitee's inbox (INVITEE#USER#<userId> or INVITEE#EMAIL#<address> /
// INVITATION#<id>), so the person lists what is addressed to them and answers one by its id.
import { createHash, randomBytes } from 'node:crypto';
import { organisationPk } from './keys.ts';

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
