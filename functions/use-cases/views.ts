// Response shapes shared by the session endpoints (register, login, me).

import type { Tokens } from '#adapters/cognito';
import type { Organisation } from '#domain/organisation';
import { permissionsOf } from '#domain/permissions';
import type { User } from '#domain/user';

export const userView = (user: User, organisationId: string, role: string) => ({
  id: user.id,
  username: user.username,
  role,
  organisationId,
  nom: user.nom,
  prenom: user.prenom,
});

/**
 * The join code is shown only to those who may manage the organisation. From a role name alone only built-in roles
 * can be judged; where a TenantContext exists, pass tenant.permissions.has('organisation:manage') instead.
 */
export const canSeeJoinCode = (role: string) => permissionsOf(role).has('organisation:manage');

export const organisationSummary = (org: Organisation, showCode: boolean) => ({
  id: org.id,
  nom: org.nom,
  ...(showCode ? { code: org.code } : {}),
});

/** What register, login, join and invitation acceptance answer: the tokens with the user and organisation. */
export interface Session {
  token: string;
  refreshToken: string;
  expiresIn: number;
  user: ReturnType<typeof userView>;
  organisation: ReturnType<typeof organisationSummary>;
}

export const sessionOf = (tokens: Tokens, user: User, org: Organisation, role: string, showCode: boolean): Session => ({
  token: tokens.token,
  refreshToken: tokens.refreshToken ?? '',
  expiresIn: tokens.expiresIn,
  user: userView(user, org.id, role),
  organisation: organisationSummary(org, showCode),
});
