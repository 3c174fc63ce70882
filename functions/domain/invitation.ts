// Invitation item: ORG#<orgId> / INVITATION#<id>, plus INVITE#<sha256(token)> / GUARD to find it by its token.
// The one-time token is returned once at creation; only its hash is stored.
import { createHash, randomBytes } from 'node:crypto';
import { organisationPk } from './keys.ts';

export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'REVOKED';

export interface Invitation {
  id: string;
  organisationId: string;
  email: string;
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

/** The item keeps the token's hash (never the token) so deleting the organisation can find the INVITE# guard. */
export const invitationItem = (invitation: Invitation, tokenHash: string) => ({
  ...invitationKey(invitation.organisationId, invitation.id),
  type: 'Invitation',
  tokenHash,
  ...invitation,
});

export function invitationFromItem(item: Record<string, unknown>): Invitation {
  const { pk: _pk, sk: _sk, type: _type, tokenHash: _hash, ...invitation } = item;
  return invitation as unknown as Invitation;
}

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
