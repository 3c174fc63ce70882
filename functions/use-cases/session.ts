// Login, token refresh and "who am I": Cognito issues the tokens, DynamoDB holds the profile and organisation.

import { answerTotpChallenge, refreshTokens, signIn, type Tokens, type TotpChallenge } from '#adapters/cognito';
import type { IdTokenClaims } from '#adapters/jwt';
import { Refusal } from '#domain/refusal';
import type { TenantContext } from '#domain/tenant';
import { getUserAndOrganisation } from '#repositories/organisations';
import { getUser } from '#repositories/users';
import { type Client, isCredentialFailure, underSignInLimits } from './abuse-limits.ts';
import { countSignIn } from './sign-in-metrics.ts';
import { organisationSummary, type Session, sessionOf, userView } from './views.ts';

/** platformRole: 'SUPER_ADMIN' is added by the pre-token trigger for a user with a PLATFORM marker item. */
type LoginClaims = IdTokenClaims & { platformRole?: string };

function claimsOf(token: string): LoginClaims {
  // The token comes straight from Cognito over TLS in this request: reading its claims needs no verification.
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as LoginClaims;
}

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

/** A password sign-in: the session, or the TOTP challenge of a user who turned MFA on (then completeTotpLogin). */
export async function login(username: string, password: string, client: Client): Promise<Session | PlatformSession | TotpChallenge> {
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
export async function completeTotpLogin(
  username: string,
  session: string,
  code: string,
  client: Client,
): Promise<Session | PlatformSession> {
  const tokens = await countSignIn(
    underSignInLimits(username, client, () => answerTotpChallenge(username, session, code), {
      failure: isCredentialFailure,
      succeeded: () => true,
    }),
  );
  return sessionFor(tokens);
}

async function sessionFor(tokens: Tokens): Promise<Session | PlatformSession> {
  const claims = claimsOf(tokens.token);
  if (!claims.organisationId && claims.platformRole === 'SUPER_ADMIN') {
    // The trigger set platformRole from the PLATFORM / SUPERADMIN# marker item; platform routes re-check it.
    const user = await getUser(claims.sub);
    if (!user) throw invalidCredentials();
    return {
      token: tokens.token,
      refreshToken: tokens.refreshToken ?? '',
      expiresIn: tokens.expiresIn,
      user: { id: user.id, username: user.username, role: 'SUPER_ADMIN', nom: user.nom, prenom: user.prenom, organisationId: null },
      organisation: null,
    };
  }
  if (!claims.organisationId || !claims.role) throw invalidCredentials();
  const { user, organisation, permissions } = await getUserAndOrganisation(claims.sub, claims.organisationId, claims.role);
  if (!user || !organisation) throw invalidCredentials();
  return sessionOf(tokens, user, organisation, claims.role, permissions);
}

export const refresh = (refreshToken: string, username: string) => refreshTokens(refreshToken, username);

export async function me(tenant: TenantContext) {
  const { user, organisation } = await getUserAndOrganisation(tenant.userId, tenant.organisationId);
  if (!user || !organisation) throw new Refusal('profile-not-found', 'The user or organisation no longer exists.');
  return {
    user: { ...userView(user, organisation.id, tenant.role), email: user.email ?? null, emailVerified: user.emailVerified === true },
    organisation: organisationSummary(organisation, tenant.permissions),
  };
}
