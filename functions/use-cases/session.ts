// Login and token refresh: Cognito issues the tokens, DynamoDB holds the profile, the organisation and the sessions.

import { answerTotpChallenge, refreshTokens, signIn, type Tokens, type TotpChallenge } from '#adapters/cognito';
import { identityConfig } from '#core/identity-config';
import { invalidFields, Refusal } from '#domain/refusal';
import { hashRefreshToken } from '#domain/session';
import { getOrganisationsOf, getUserAndOrganisation } from '#repositories/organisations';
import { getSession } from '#repositories/sessions';
import { getUser, listUserMemberships } from '#repositories/users';
import { type Client, isCredentialFailure, underSignInLimits } from './abuse-limits.ts';
import { countSignIn } from './sign-in-metrics.ts';
import { recordRefresh, recordSignIn, signedOut } from './signed-in.ts';
import { type NoOrganisationSession, noOrganisationSession, type PendingMembership, type Session, sessionOf } from './views.ts';

// A sign-in whose account or organisation vanished meanwhile answers like any failed sign-in.
const invalidCredentials = () => new Refusal('invalid-credentials', 'Invalid username or password.');

/** A platform super-admin with no membership: the token carries no organisation (platform routes only). */
export interface PlatformSession {
  token: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; username: string; role: 'SUPER_ADMIN'; nom: string; prenom: string; organisationId: null };
  organisation: null;
}

export type SignedIn = Session | PlatformSession | NoOrganisationSession;

/** A password sign-in: the session, or the TOTP challenge of a user who turned MFA on (then completeTotpLogin). */
export async function login(username: string, password: string, client: Client): Promise<SignedIn | TotpChallenge> {
  // A right password that stops at the TOTP step does not clear the failures: the code must be right too.
  const result = await countSignIn(
    underSignInLimits(username, client, () => signIn(username, password), {
      failure: isCredentialFailure,
      succeeded: (outcome) => !('challenge' in outcome),
    }),
  );
  return 'challenge' in result ? result : sessionFor(result);
}

/** The second step of a TOTP sign-in: the same session a plain login answers. */
export async function completeTotpLogin(username: string, session: string, code: string, client: Client): Promise<SignedIn> {
  const tokens = await countSignIn(
    underSignInLimits(username, client, () => answerTotpChallenge(username, session, code), {
      failure: isCredentialFailure,
      succeeded: () => true,
    }),
  );
  return sessionFor(tokens);
}

/** The memberships of a person awaiting an admin's approval, with their organisations' names. */
export async function pendingMembershipsOf(userId: string): Promise<PendingMembership[]> {
  const pending = (await listUserMemberships(userId)).filter((membership) => membership.status === 'PENDING');
  if (pending.length === 0) return [];
  const { organisations } = await getOrganisationsOf(pending);
  return pending.flatMap((membership) => {
    const organisation = organisations.get(membership.organisationId);
    return organisation
      ? [{ organisation: { id: organisation.id, nom: organisation.nom }, role: membership.role, status: 'PENDING' as const }]
      : [];
  });
}

/**
 * The answer to a new sign-in, recorded as a session first. The token names an organisation only while the person's
 * chosen one is ACTIVE for them (the pre-token trigger): otherwise the session has `organisation: null`, and lists the
 * memberships still awaiting approval.
 */
export async function sessionFor(tokens: Tokens): Promise<SignedIn> {
  const claims = await recordSignIn(tokens);
  if (!claims.organisationId || !claims.role) {
    const user = await getUser(claims.sub);
    if (!user) throw invalidCredentials();
    if (claims.platformRole === 'SUPER_ADMIN') {
      // The trigger set platformRole from the PLATFORM / SUPERADMIN# marker item; platform routes re-check it.
      return {
        token: tokens.token,
        refreshToken: tokens.refreshToken ?? '',
        expiresIn: tokens.expiresIn,
        user: { id: user.id, username: user.username, role: 'SUPER_ADMIN', nom: user.nom, prenom: user.prenom, organisationId: null },
        organisation: null,
      };
    }
    return noOrganisationSession(tokens, user, await pendingMembershipsOf(user.id));
  }
  const { user, organisation, permissions } = await getUserAndOrganisation(claims.sub, claims.organisationId, claims.role);
  if (!user || !organisation) throw invalidCredentials();
  return sessionOf(tokens, user, organisation, claims.role, permissions);
}

/** The app client a refresh goes through: the one that issued the refresh token (default: the api client). */
function clientOf(clientId: string | undefined): string {
  const client = clientId ?? identityConfig.USER_POOL_CLIENT_ID;
  if (!identityConfig.TOKEN_AUDIENCES.includes(client)) {
    throw invalidFields([{ path: 'clientId', message: "clientId must be one of the user pool's app clients (api or web)" }]);
  }
  return client;
}

/**
 * POST /api/auth/refresh: a new ID token through the refresh token's own client, unless its session was signed out
 * (or the person signed out everywhere, or changed the password, since it began): then 401, whatever Cognito says.
 */
export async function refresh(refreshToken: string, username: string, clientId?: string) {
  const client = clientOf(clientId);
  const hash = hashRefreshToken(refreshToken);
  const known = await getSession(hash);
  if (known?.revokedAt) throw signedOut();
  const tokens = await refreshTokens(refreshToken, username, known?.clientId ?? client);
  // Recorded in its session, which refuses it (401) if the session was signed out meanwhile or is someone else's.
  await recordRefresh(hash, known, tokens.token);
  return { token: tokens.token, expiresIn: tokens.expiresIn };
}
