// Creating a person's account: a Cognito user first, then the caller's DynamoDB transaction. If the
// transaction (or anything after the Cognito user exists) fails, the Cognito user is deleted before answering.
// Before the Cognito call, a pending account check (domain/account-check.ts) is written, due when an orphan left by
// this attempt would be old enough to be one for certain. The account's own transaction removes it (committed), or the
// compensation does (refused); left by a function that died, it is what the account sweeper visits.
import { createUser, deleteUser, type EmailAttribute } from '#adapters/cognito';
import { nowMs } from '#core/clock';
import { crashPoint, isCrash } from '#core/crash';
import { newId } from '#core/ids';
import { logger } from '#core/logger';
import { emitMetric } from '#core/metrics';
import * as refusals from '#domain/refusals';
import { isRefusal } from '#domain/refusals';
import { putAccountCheck, removeAccountCheck } from '#repositories/account-checks';
import { GUARD } from '#repositories/guards';
import { conditionFailed } from '#repositories/transactions';
import { orphanSettings, removeOrphanAccount } from './orphans.ts';

export interface NewAccount {
  username: string;
  password: string;
  email?: string | undefined;
  /** True only when the request itself proves the address (an invitation link delivered there). */
  emailVerified?: boolean;
}

/**
 * Creates the Cognito user. If the username exists in Cognito but is an orphan (no account in DynamoDB, and older
 * than any function that could still be creating it: use-cases/orphans.ts), the orphan is deleted and the user
 * created again, once; otherwise the username is taken (409).
 */
async function createCognitoUser(username: string, password: string, email: EmailAttribute | undefined): Promise<string> {
  try {
    return await createUser(username, password, email);
  } catch (error) {
    if (!isRefusal(error, 'username-taken') || !(await removeOrphanAccount(username))) throw error;
    return createUser(username, password, email);
  }
}

/**
 * Every flow that creates an account goes through here: the Cognito user, then `write` (ONE transaction that writes
 * the USERNAME# guard with the account's items). A refused write deletes the Cognito user again (compensation); a
 * crash does not, and the orphan it leaves is removed by createCognitoUser or the account sweeper.
 */
export async function withNewAccount<T>(account: NewAccount, write: (userId: string) => Promise<T>): Promise<T> {
  const email = account.email ? { address: account.email, verified: account.emailVerified === true } : undefined;
  const check = {
    username: account.username,
    dueAt: new Date(nowMs() + orphanSettings.ORPHAN_MIN_AGE_SECONDS * 1000).toISOString(),
    token: newId(),
    reason: 'creation' as const,
  };
  await putAccountCheck(check);
  let userId: string;
  try {
    userId = await createCognitoUser(account.username, account.password, email);
  } catch (error) {
    // Refused (the username is someone's): this attempt created nothing. Any other failure may have created the
    // user (a timeout after Cognito acted), so the check stays for the sweeper.
    if (isRefusal(error)) await done(check);
    throw error;
  }
  crashPoint('after-cognito-password');
  try {
    // The transaction `write` commits settles the check too (repositories/users.ts newUserItems).
    const written = await write(userId);
    crashPoint('after-transaction');
    emitMetric('registrations');
    return written;
  } catch (error) {
    // A crash is not compensated (as when Lambda kills the process): the orphan Cognito user it leaves is what
    // createUser's orphan check and the account sweeper (from the check left behind) clean up.
    if (isCrash(error)) throw error;
    try {
      await deleteUser(account.username);
      await done(check);
    } catch (cleanupError) {
      // The Cognito account is orphaned: log loudly; the check left behind has the sweeper delete it.
      logger.error('account compensation failed', { username: account.username, error: cleanupError, cause: error });
    }
    if (conditionFailed(error, GUARD.username)) {
      throw refusals.usernameTaken('register', { cause: error });
    }
    throw error;
  }
}

/** The attempt's work is settled: its check goes. A failure here costs the sweeper one look, never the answer. */
async function done(check: { username: string; token: string }): Promise<void> {
  try {
    await removeAccountCheck(check.username, check.token);
  } catch (error) {
    logger.warn('account check left for the sweeper', { error });
  }
}
