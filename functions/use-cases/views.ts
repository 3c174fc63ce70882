// Response shapes shared by the session endpoints (register, login, me). Their types are the response schemas'
// (functions/schemas/auth.ts), so a view cannot drift from what the OpenAPI document says.
import type { Tokens } from '#adapters/cognito';
import { standingIn } from '#domain/acting';
import { type Organisation, seesJoinCode } from '#domain/organisation';
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
