// What answers show of an entity: the session endpoints' shapes (register, login, me), an organisation, a join
// request. Their types are the response schemas' (functions/schemas/), so a view cannot drift from what the OpenAPI
// document says; they live here, not in domain/, because domain/ never imports schemas/ (test/unit/import-graph).
import type { Tokens } from '#adapters/cognito';
import { standingIn } from '#domain/acting';
import type { JoinRequest } from '#domain/join-request';
import {
  type CountedOrganisation,
  type Organisation,
  organisationRecord,
  seesJoinCode,
  seesOrganisationRecord,
  type Viewer,
} from '#domain/organisation';
import type { Permission } from '#domain/permissions';
import type { User } from '#domain/user';
import type {
  noOrganisationSessionResponse,
  organisationSummary as OrganisationSummarySchema,
  pendingMembership,
  sessionResponse,
  userView as UserViewSchema,
} from '#schemas/auth';
import type { Infer } from '#schemas/lazy';
import type { organisationView as OrganisationViewSchema } from '#schemas/organisations';
import type { joinRequestResponse } from '#schemas/registration';

export const userView = (user: User, organisationId: string, role: string): Infer<typeof UserViewSchema> => ({
  id: user.id,
  username: user.username,
  role,
  organisationId,
  nom: user.nom,
  prenom: user.prenom,
});

/**
 * The organisation as a session shows it to `user`, an ACTIVE member holding `permissions` (the code only if
 * seesJoinCode: never to a member without the MFA the organisation requires).
 */
export const organisationSummary = (
  org: Organisation,
  user: Pick<User, 'mfaEnabled'> | undefined,
  permissions: ReadonlySet<Permission>,
): Infer<typeof OrganisationSummarySchema> => ({
  id: org.id,
  nom: org.nom,
  ...(seesJoinCode(standingIn(org, user, 'ACTIVE', permissions), org) ? { code: org.code } : {}),
});

/** What register, login, join and invitation acceptance answer: the tokens with the user and organisation. */
export type Session = Infer<typeof sessionResponse>;

/** A session for `user`, ACTIVE in `org` with `role`, whose permissions are `permissions`. */
export const sessionOf = (tokens: Tokens, user: User, org: Organisation, role: string, permissions: ReadonlySet<Permission>): Session => ({
  token: tokens.token,
  refreshToken: tokens.refreshToken ?? '',
  expiresIn: tokens.expiresIn,
  user: userView(user, org.id, role),
  organisation: organisationSummary(org, user, permissions),
});

/** A membership awaiting an admin's approval, as a session without organisation shows it. */
export type PendingMembership = Infer<typeof pendingMembership>;

/** What a sign-in answers when the token carries no organisation (none chosen, or the chosen one is not ACTIVE). */
export type NoOrganisationSession = Infer<typeof noOrganisationSessionResponse>;

export const noOrganisationSession = (tokens: Tokens, user: User, pending: PendingMembership[]): NoOrganisationSession => ({
  token: tokens.token,
  refreshToken: tokens.refreshToken ?? '',
  expiresIn: tokens.expiresIn,
  user: { id: user.id, username: user.username, role: null, organisationId: null, nom: user.nom, prenom: user.prenom },
  organisation: null,
  pendingMemberships: pending,
});

/** What an API response shows of an organisation to `viewer` (the join code and the record as the rules above say). */
export const organisationView = (org: CountedOrganisation, viewer: Viewer): Infer<typeof OrganisationViewSchema> => ({
  id: org.id,
  nom: org.nom,
  slug: org.slug,
  ...(seesJoinCode(viewer, org) ? { code: org.code } : {}),
  status: org.status,
  country: org.country,
  subscriptionTier: org.subscriptionTier,
  maxUsers: org.maxUsers,
  memberCount: org.memberCount,
  ...(org.description ? { description: org.description } : {}),
  ...(seesOrganisationRecord(viewer) ? organisationRecord(org) : {}),
  mfaRequired: org.mfaRequired === true,
  createdAt: org.createdAt,
  updatedAt: org.updatedAt,
});

/** What an API response shows of a join request. */
export const joinRequestView = (request: JoinRequest): Infer<typeof joinRequestResponse> => ({
  userId: request.userId,
  username: request.username,
  nom: request.nom,
  prenom: request.prenom,
  ...(request.email ? { email: request.email } : {}),
  requestedRole: request.requestedRole,
  ...(request.desiredRole ? { desiredRole: request.desiredRole } : {}),
  ...(request.phone ? { phone: request.phone } : {}),
  ...(request.location ? { location: request.location } : {}),
  ...(request.specialization ? { specialization: request.specialization } : {}),
  status: request.status,
  createdAt: request.createdAt,
  ...(request.role ? { role: request.role } : {}),
  ...(request.reviewedBy ? { reviewedBy: request.reviewedBy } : {}),
  ...(request.reviewedAt ? { reviewedAt: request.reviewedAt } : {}),
  ...(request.reason ? { reason: request.reason } : {}),
});
