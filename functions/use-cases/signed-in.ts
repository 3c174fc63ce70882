// What happens to every token the API hands out: the session it belongs to records it (domain/session.ts), so that
// signing out can refuse it later. A sign-in also records the person's last sign-in, in the same write.
import { passwordLogin, type Tokens } from '#adapters/cognito';
import type { Client } from '#domain/principal';
import * as refusals from '#domain/refusals';
import { deviceOf, hashRefreshToken, type IssuedToken, issuedAtMsOf, type Session } from '#domain/session';
import { profileAcceptsSessionItem, sessionTokenItem } from '#repositories/sessions';
import { ConditionFailed, transact } from '#repositories/transactions';

/** The claims of a token Cognito just issued in this request (read, not verified: it came straight from Cognito). */
export interface IssuedClaims {
  sub: string;
  aud: string;
  jti: string;
  exp: number;
  iat?: number;
  issuedAtMs?: string;
  organisationId?: string;
  role?: string;
  platformRole?: string;
  'cognito:username'?: string;
  /** Deployed Cognito's session id (domain/session.ts). */
  origin_jti?: string;
}

export function issuedClaims(token: string): IssuedClaims {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as IssuedClaims;
}

/** Only what revocation needs of a token: its id and expiry. */
const issued = (claims: IssuedClaims): IssuedToken => ({ jti: claims.jti, exp: claims.exp });

/**
 * A new session (sign-in, its MFA step, registration, invitation acceptance, a new password): its item, holding the
 * first ID token, and the profile's lastLoginAt, in one transaction. A person whose profile is gone (an account being
 * created or deleted) is answered like a wrong password. Returns the token's claims.
 */
export async function recordSignIn(tokens: Tokens, client: Client | undefined): Promise<IssuedClaims> {
  const claims = issuedClaims(tokens.token);
  if (!tokens.refreshToken) throw new Error('A sign-in returned no refresh token');
  const nowMs = Date.now();
  const createdAtMs = issuedAtMsOf(claims);
  try {
    await transact([
      sessionTokenItem(
        hashRefreshToken(tokens.refreshToken),
        { userId: claims.sub, clientId: claims.aud, username: claims['cognito:username'] },
        issued(claims),
        { nowMs, createdAtMs },
        { ...deviceOf(client), originJti: claims.origin_jti },
      ),
      profileAcceptsSessionItem(claims.sub, createdAtMs, new Date(nowMs).toISOString()),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw refusals.invalidCredentials({ cause: error });
    throw error;
  }
  return claims;
}

/**
 * A token issued through an existing refresh token (refresh, switch-organisation): recorded in its session, unless
 * the session was signed out, or the person signed out everywhere (or changed the password) since it began. A session
 * the API never saw (a hosted login's) is recorded from now on.
 */
export async function recordRefresh(
  refreshTokenHash: string,
  known: Session | undefined,
  token: string,
  client?: Client,
): Promise<IssuedClaims> {
  const claims = issuedClaims(token);
  const nowMs = Date.now();
  const createdAtMs = known?.createdAtMs ?? issuedAtMsOf(claims);
  try {
    await transact([
      sessionTokenItem(
        refreshTokenHash,
        { userId: claims.sub, clientId: known?.clientId ?? claims.aud, username: claims['cognito:username'] },
        issued(claims),
        { nowMs, createdAtMs },
        // A session the API never saw is recorded from now on, from the device refreshing it.
        { ...deviceOf(client), originJti: claims.origin_jti },
      ),
      profileAcceptsSessionItem(claims.sub, createdAtMs),
    ]);
  } catch (error) {
    if (error instanceof ConditionFailed) throw refusals.invalidRefreshToken('signedOut', { cause: error });
    throw error;
  }
  return claims;
}

/** Signs in an account this request just created (it cannot have MFA yet), as a recorded session. */
export async function signInNewAccount(username: string, password: string, client?: Client): Promise<Tokens> {
  const tokens = await passwordLogin(username, password);
  await recordSignIn(tokens, client);
  return tokens;
}
