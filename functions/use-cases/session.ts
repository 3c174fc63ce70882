// Login and token refresh: Cognito issues the tokens, DynamoDB holds the profile, the organisation and the sessions.

import { answerTotpChallenge, refreshTokens, revokeRefreshToken, signIn, type Tokens, type TotpChallenge } from '#adapters/cognito';
import { identityConfig } from '#core/identity-config';
import type { Organisation } from '#domain/organisation';
import { isRefusal } from '#domain/refusal';
import * as refusals from '#domain/refusals';
import { hashRefreshToken, type Session as RecordedSession } from '#domain/session';
import type { User } from '#domain/user';
import { getOrganisationsOf, getUserAndOrganisation } from '#repositories/organisations';
import { getSession } from '#repositories/sessions';
import { getUser, listUserMemberships } from '#repositories/users';
import { type Client, isCredentialFailure, underSignInLimits } from './abuse-limits.ts';
import { countSignIn } from './sign-in-metrics.ts';
import { type IssuedClaims, issuedClaims, recordRefresh, recordSignIn } from './signed-in.ts';
import { spendCode } from './spent-codes.ts';
import { type NoOrganisationSession, noOrganisationSession, type PendingMembership, type Session, sessionOf } from './views.ts';

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
  const result = await passwordSignIn(username, password, client);
  return 'challenge' in result ? result : sessionFor(result, client);
}

/** The password step under the sign-in limits, counted. */
function passwordSignIn(username: string, password: string, client: Client) {
  // A right password that stops at the TOTP step does not clear the failures: the code must be right too.
  return countSignIn(
    underSignInLimits(username, client, () => signIn(username, password), {
      failure: isCredentialFailure,
      succeeded: (outcome) => !('challenge' in outcome),
    }),
  );
}

/** The second step of a TOTP sign-in: the same session a plain login answers. */
export async function completeTotpLogin(username: string, session: string, code: string, client: Client): Promise<SignedIn> {
  const tokens = await countSignIn(
    underSignInLimits(
      username,
      client,
      async () => {
        const tokens = await answerTotpChallenge(username, session, code);
        // Accepted once per step: a replayed code (cognito-local takes it again) is a failed sign-in.
        await spendCode(issuedClaims(tokens.token).sub, code).catch(async (error) => {
          if (tokens.refreshToken) await revokeRefreshToken(tokens.refreshToken);
          throw error;
        });
        return tokens;
      },
      { failure: (error) => isCredentialFailure(error) || isRefusal(error, 'mfa-code-used'), succeeded: () => true },
    ),
  );
  return sessionFor(tokens, client);
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
export async function sessionFor(tokens: Tokens, client: Client | undefined): Promise<SignedIn> {
  return answerFor(await recordSignIn(tokens, client), tokens);
}

/** What a session is now, as a sign-in answers it: the tokens, the user, and the organisation the token names. */
async function answerFor(claims: IssuedClaims, tokens: Tokens): Promise<SignedIn> {
  return (await answerWith(claims, tokens)).answer;
}

/** A sign-in's answer, with the profile and organisation it was made of (a dialect shows other fields of them). */
export interface SignedInWith {
  answer: SignedIn;
  user: User;
  /** The organisation the token names, and the role there. */
  current?: { organisation: Organisation; role: string };
}

async function answerWith(claims: IssuedClaims, tokens: Tokens): Promise<SignedInWith> {
  if (!claims.organisationId || !claims.role) {
    const user = await getUser(claims.sub);
    if (!user) throw refusals.invalidCredentials();
    if (claims.platformRole === 'SUPER_ADMIN') {
      // The trigger set platformRole from the PLATFORM / SUPERADMIN# marker item; platform routes re-check it.
      const answer: PlatformSession = {
        token: tokens.token,
        refreshToken: tokens.refreshToken ?? '',
        expiresIn: tokens.expiresIn,
        user: { id: user.id, username: user.username, role: 'SUPER_ADMIN', nom: user.nom, prenom: user.prenom, organisationId: null },
        organisation: null,
      };
      return { answer, user };
    }
    return { answer: noOrganisationSession(tokens, user, await pendingMembershipsOf(user.id)), user };
  }
  const { user, organisation, permissions } = await getUserAndOrganisation(claims.sub, claims.organisationId, claims.role);
  if (!user || !organisation) throw refusals.invalidCredentials();
  return {
    answer: sessionOf(tokens, user, organisation, claims.role, permissions),
    user,
    current: { organisation, role: claims.role },
  };
}

/**
 * A password sign-in answered with the profile and organisation it read (seed 002's login shows the person's times
 * and the organisation's number): the same limits, session record and refusals as login().
 */
export async function loginWith(username: string, password: string, client: Client): Promise<SignedInWith | TotpChallenge> {
  const result = await passwordSignIn(username, password, client);
  return 'challenge' in result ? result : answerWith(await recordSignIn(result, client), result);
}

/** The app client a refresh goes through: the one that issued the refresh token (default: the api client). */
function clientOf(clientId: string): string {
  if (!identityConfig.TOKEN_AUDIENCES.includes(clientId)) {
    throw refusals.validationError([{ path: 'clientId', message: "clientId must be one of the user pool's app clients (api or web)" }]);
  }
  return clientId;
}

/** What a refresh names: the refresh token alone, or with the username and app client the earlier contract sent. */
export interface RefreshInput {
  refreshToken: string;
  username?: string | undefined;
  clientId?: string | undefined;
}

/**
 * The Cognito username and app client to refresh through. A session the API recorded (every sign-in through it)
 * knows both: the body need name neither, and what it names must match the record. A session the API never saw (a
 * hosted login that never passed through it) must name its app client, and the api client its username: a web-client
 * token is never exchanged through the api client.
 */
async function refreshAs(
  input: RefreshInput,
  known: RecordedSession | undefined,
): Promise<{ username: string | undefined; clientId: string }> {
  const named = input.clientId === undefined ? undefined : clientOf(input.clientId);
  if (known) {
    if (named !== undefined && named !== known.clientId) throw refusals.invalidRefreshToken();
    const username = input.username ?? known.username ?? (await getUser(known.userId))?.username;
    return { username, clientId: known.clientId };
  }
  if (named === undefined) {
    throw refusals.validationError([
      {
        path: 'clientId',
        message: 'clientId is required for a session that did not begin through the API (a hosted login): name its app client',
      },
    ]);
  }
  if (named === identityConfig.USER_POOL_CLIENT_ID && input.username === undefined) {
    throw refusals.validationError([
      { path: 'username', message: 'username is required to refresh an api-client session the API did not record' },
    ]);
  }
  return { username: input.username, clientId: named };
}

/**
 * POST /api/auth/refresh: a new ID token through the refresh token's own client, unless its session was signed out
 * (or the person signed out everywhere, or changed the password, since it began): then 401, whatever Cognito says.
 * Answers what the session now is, as a sign-in does (the refresh token included: the one sent, or the one Cognito
 * rotated it into).
 */
export async function refresh(input: RefreshInput, client?: Client): Promise<SignedIn> {
  const hash = hashRefreshToken(input.refreshToken);
  const known = await getSession(hash);
  if (known?.revokedAt) throw refusals.invalidRefreshToken('signedOut');
  const as = await refreshAs(input, known);
  const tokens = await refreshTokens(input.refreshToken, as.username, as.clientId);
  // Recorded in its session, which refuses it (401) if the session was signed out meanwhile or is someone else's.
  const claims = await recordRefresh(hash, known, tokens.token, client);
  if (tokens.refreshToken && tokens.refreshToken !== input.refreshToken) {
    await recordRefresh(hashRefreshToken(tokens.refreshToken), known, tokens.token, client);
  }
  return answerFor(claims, tokens);
}
