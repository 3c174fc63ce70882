// Join request item: ORG#<orgId> / JOINREQ#<userId>, written when a join code that requires approval is redeemed.
// GSI1 (ORG#<orgId>#JOINREQ#<status> / JOINREQ#<createdAt>#<userId>) lists an organisation's requests by status.
import { organisationPk } from './keys.ts';

export type JoinRequestStatus = 'PENDING' | 'APPROVED' | 'REJECTED';
export const JOIN_REQUEST_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const satisfies readonly JoinRequestStatus[];

export interface JoinRequest {
  organisationId: string;
  userId: string;
  username: string;
  nom: string;
  prenom: string;
  email?: string;
  /** The role the join code granted when the request was made. */
  requestedRole: string;
  /** What the applicant said they want to be (seed 003's roleSouhaite), for the reviewers: it grants nothing. */
  desiredRole?: string;
  /** The profile fields the applicant gave, copied for the reviewers (seed 003's telephone, adresse, specialite). */
  phone?: string;
  location?: string;
  specialization?: string;
  status: JoinRequestStatus;
  createdAt: string;
  updatedAt: string;
  /** The role actually granted (set on approval). */
  role?: string;
  reviewedBy?: string;
  reviewedAt?: string;
  /** Why the request was rejected (set on rejection). */
  reason?: string;
}

export const JOIN_REQUEST_SK_PREFIX = 'JOINREQ#';
/** Prefix of the GSI1 sort keys of join requests (what a list cursor may point at). */
export const JOIN_REQUEST_GSI1SK_PREFIX = 'JOINREQ#';

export const joinRequestKey = (organisationId: string, userId: string) => ({
  pk: organisationPk(organisationId),
  sk: `${JOIN_REQUEST_SK_PREFIX}${userId}`,
});

export const joinRequestListPk = (organisationId: string, status: JoinRequestStatus) =>
  `${organisationPk(organisationId)}#JOINREQ#${status}`;

export const joinRequestListSk = (createdAt: string, userId: string) => `${JOIN_REQUEST_GSI1SK_PREFIX}${createdAt}#${userId}`;

/** The table and index keys of the request behind a GSI1 sort key, to resume a listing after it. */
export function joinRequestKeysOfListSk(organisationId: string, status: JoinRequestStatus, gsi1sk: string) {
  const match = /^JOINREQ#(\d{4}-\d{2}-\d{2}T[0-9:.]+Z)#([A-Za-z0-9-]{1,64})$/.exec(gsi1sk);
  if (!match?.[2]) return undefined;
  return { ...joinRequestKey(organisationId, match[2]), gsi1pk: joinRequestListPk(organisationId, status), gsi1sk };
}

export const joinRequestItem = (request: JoinRequest) => ({
  ...joinRequestKey(request.organisationId, request.userId),
  gsi1pk: joinRequestListPk(request.organisationId, request.status),
  gsi1sk: joinRequestListSk(request.createdAt, request.userId),
  type: 'JoinRequest',
  ...request,
});

export function joinRequestFromItem(item: Record<string, unknown>): JoinRequest {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...request } = item;
  return request as unknown as JoinRequest;
}
