// TOTP MFA a person turns on and off through the API. Cognito's self-service calls (AssociateSoftwareToken,
// VerifySoftwareToken, SetUserMFAPreference) need the person's access token, which the API never hands out: each
// route re-confirms the password with a throwaway sign-in through the api client, uses that sign-in's access token
// inside the request, and revokes its refresh token before answering. Turning MFA off also needs a current code
// (the throwaway sign-in of an account with MFA stops at the TOTP step). The profile's mfaEnabled mirrors the
// outcome: the auth middleware reads it to apply an organisation's MFA requirement.
import {
  answerTotpChallenge,
  associateTotp,
  setTotpPreference,
  signIn,
  type Tokens,
  type TotpChallenge,
  verifyTotp,
} from '#adapters/cognito';
import type { Client, VerifiedUser } from '#domain/principal';
import * as refusals from '#domain/refusals';
import { isRefusal } from '#domain/refusals';
import type { User } from '#domain/user';
import { getUser, setProfileFields } from '#repositories/users';
import { isCredentialFailure, underSignInLimits } from './abuse-limits.ts';
import { endOtherSessions } from './device-sessions.ts';
import { confirmPassword, discard } from './passwords.ts';
import { spendCode } from './spent-codes.ts';

const ISSUER = 'Cabinet';

async function profileOf(caller: VerifiedUser): Promise<User> {
  const user = await getUser(caller.userId);
  if (!user) throw refusals.accountNotFound();
  return user;
}

/** The throwaway sign-in's tokens, or 409 when it stopped at the TOTP step (MFA is on). */
function tokensOf(result: Tokens | TotpChallenge): Tokens & { accessToken: string } {
  if ('challenge' in result) throw refusals.mfaAlreadyEnabled();
  if (!result.accessToken) throw new Error('Cognito returned no access token');
  return result as Tokens & { accessToken: string };
}

/** POST /api/auth/mfa/totp: a new shared secret for an authenticator app (MFA stays off until verified). */
export async function startTotp(caller: VerifiedUser, password: string, client: Client) {
  const user = await profileOf(caller);
  const tokens = tokensOf(await confirmPassword(user, password, client));
  let secret: string;
  try {
    secret = await associateTotp(tokens.accessToken);
  } finally {
    await discard(tokens);
  }
  const label = encodeURIComponent(`${ISSUER}:${user.username}`);
  return { secret, otpauthUri: `otpauth://totp/${label}?secret=${secret}&issuer=${ISSUER}&algorithm=SHA1&digits=6&period=30` };
}

/**
 * The password and a code proven in one attempt under the sign-in limits: a wrong code counts as a failed sign-in
 * (the same lock, 429, as wrong codes at POST /api/auth/login/mfa), and only the whole proof clears the failures —
 * a right password alone must not wipe the count of wrong codes.
 */
const underCodeLimits = <T>(user: Pick<User, 'username'>, client: Client, attempt: () => Promise<T>): Promise<T> =>
  underSignInLimits(user.username, client, attempt, {
    failure: (error) => isCredentialFailure(error) || isRefusal(error, 'mfa-code-mismatch', 'mfa-code-used'),
    succeeded: () => true,
  });

/**
 * POST /api/auth/mfa/totp/verify: a code of the authenticator turns MFA on, and every other session of the account
 * ends (refresh refused, ID tokens within the revocation window): a refresh token from before enrolment must not keep
 * minting tokens that skip the new factor. The session that enrolled goes on.
 */
export async function enableTotp(caller: VerifiedUser, password: string, code: string, client: Client) {
  const user = await profileOf(caller);
  await underCodeLimits(user, client, async () => {
    const tokens = tokensOf(await signIn(user.username, password));
    try {
      await spendCode(user.id, code);
      await verifyTotp(tokens.accessToken, code);
    } finally {
      await discard(tokens);
    }
  });
  await setProfileFields(user.id, { mfaEnabled: true, updatedAt: new Date().toISOString() });
  await endOtherSessions(caller);
  return { mfaEnabled: true };
}

/** DELETE /api/auth/mfa/totp: the password and a current code turn MFA off. */
export async function disableTotp(caller: VerifiedUser, password: string, code: string, client: Client) {
  const user = await profileOf(caller);
  const result = await confirmPassword(user, password, client);
  if (!('challenge' in result)) {
    await discard(result);
    // Cognito asks for no code: MFA is off there, whatever the profile said.
    if (user.mfaEnabled) await setProfileFields(user.id, { mfaEnabled: false, updatedAt: new Date().toISOString() });
    throw refusals.mfaNotEnabled();
  }
  const tokens = await underCodeLimits(user, client, async () => {
    try {
      const tokens = await answerTotpChallenge(user.username, result.session, code);
      await spendCode(user.id, code).catch(async (error) => {
        await discard(tokens);
        throw error;
      });
      return tokens;
    } catch (error) {
      if (isRefusal(error, 'invalid-mfa-code')) {
        throw refusals.mfaCodeMismatch('confirmation', { cause: error });
      }
      throw error;
    }
  });
  try {
    if (!tokens.accessToken) throw new Error('Cognito returned no access token');
    await setTotpPreference(tokens.accessToken, false);
  } finally {
    await discard(tokens);
  }
  await setProfileFields(user.id, { mfaEnabled: false, updatedAt: new Date().toISOString() });
  return { mfaEnabled: false };
}
