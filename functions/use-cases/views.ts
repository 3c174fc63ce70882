// Response shapes shared by the session endpoints (register, login, me).
import { BUILT_IN_ROLES } from '#domain/permissions';
import type { Organisation } from '#domain/organisation';
import type { User } from '#domain/user';

export const userView = (user: User, organisationId: string, role: string) => ({
  id: user.id,
  username: user.username,
  role,
  organisationId,
  nom: user.nom,
  prenom: user.prenom,
});

/** The join code is shown only to roles that may manage the organisation. */
export const canSeeJoinCode = (role: string) =>
  role === 'ADMIN' || (BUILT_IN_ROLES as Record<string, readonly string[]>)[role]?.includes('organisation:manage') === true;

export const organisationSummary = (org: Organisation, role: string) => ({
  id: org.id,
  nom: org.nom,
  ...(canSeeJoinCode(role) ? { code: org.code } : {}),
});
