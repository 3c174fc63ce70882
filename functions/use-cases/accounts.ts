// Creating a person's account: a Cognito user first, then the caller's DynamoDB transaction. If the
// transaction (or anything after the Cognito user exists) fails, the Cognito user is deleted before answering.
import { createUser, deleteUser } from '#adapters/cognito';
import { logger } from '#core/logger';
import { Refusal } from '#domain/refusal';
import { GUARD } from '#repositories/guards';
import { conditionFailed } from '#repositories/transactions';

export interface NewAccount {
  username: string;
  password: string;
  email?: string | undefined;
  /** True only when the request itself proves the address (an invitation link delivered there). */
  emailVerified?: boolean;
}

export async function withNewAccount<T>(account: NewAccount, write: (userId: string) => Promise<T>): Promise<T> {
  const email = account.email ? { address: account.email, verified: account.emailVerified === true } : undefined;
  const userId = await createUser(account.username, account.password, email);
  try {
    return await write(userId);
  } catch (error) {
    try {
      await deleteUser(account.username);
    } catch (cleanupError) {
      // The Cognito account is orphaned: log loudly so it can be cleaned up; the caller still gets the cause.
      logger.error('account compensation failed', { username: account.username, error: cleanupError, cause: error });
    }
    if (conditionFailed(error, GUARD.username)) {
      throw new Refusal(
        'username-taken',
        'This username is already taken.',
        { fields: [{ path: 'username', message: 'Username is already taken' }] },
        { cause: error },
      );
    }
    throw error;
  }
}
