// Creating a person's account: a Cognito user first, then the caller's DynamoDB transaction. If the
// transaction (or anything after the Cognito user exists) fails, the Cognito user is deleted before answering.
import { createUser, deleteUser, type EmailAttribute } from '#adapters/cognito';
import { crashPoint, isCrash } from '#core/crash';
import { logger } from '#core/logger';
import { emitMetric } from '#core/metrics';
import * as refusals from '#domain/refusals';
import { isRefusal } from '#domain/refusals';
import { GUARD } from '#repositories/guards';
import { conditionFailed } from '#repositories/transactions';
import { removeOrphanAccount } from './orphans.ts';

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
  const userId = await createCognitoUser(account.username, account.password, email);
  crashPoint('after-cognito-password');
  try {
    const written = await write(userId);
    crashPoint('after-transaction');
    emitMetric('registrations');
    return written;
  } catch (error) {
    // A crash is not compensated (as when Lambda kills the process): the orphan Cognito user it leaves is what
    // createUser's orphan check and the account sweeper clean up.
    if (isCrash(error)) throw error;
    try {
      await deleteUser(account.username);
    } catch (cleanupError) {
      // The Cognito account is orphaned: log loudly so it can be cleaned up; the caller still gets the cause.
      logger.error('account compensation failed', { username: account.username, error: cleanupError, cause: error });
    }
    if (conditionFailed(error, GUARD.username)) {
      throw refusals.usernameTaken('register', { cause: error });
    }
    throw error;
  }
}
