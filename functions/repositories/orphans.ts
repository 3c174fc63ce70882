// DynamoDB access for the orphan clean-ups and the account reconciliation (what they find is counted in the platform
// KPIs: repositories/metrics.ts recordOrphanAccountsFound): the USERNAME# guards of the accounts checked, the
// accounts already reconciled, and releasing the username of an account deleted outside the API (the checks and the
// reconciliation's walk are in account-checks.ts).
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, db, TABLE } from '#adapters/dynamodb';
import { userKey, usernameGuardKey } from '#domain/user';

/** username → the user id its USERNAME# guard names, for the guards that exist (100 keys per BatchGetItem). */
export async function usernameGuards(usernames: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let start = 0; start < usernames.length; start += 100) {
    const keys = usernames.slice(start, start + 100).map(usernameGuardKey);
    for (const item of await batchGet(keys, { consistent: true })) {
      found.set(String(item.pk).slice('USERNAME#'.length), String(item.userId));
    }
  }
  return found;
}

/** Of `userIds`, those whose account was already found deleted (and reconciled) by an earlier sweep. */
export async function alreadyReconciled(userIds: readonly string[]): Promise<Set<string>> {
  const done = new Set<string>();
  for (let start = 0; start < userIds.length; start += 100) {
    for (const item of await batchGet(userIds.slice(start, start + 100).map(userKey))) {
      if (item.accountDeletedAt) done.add(String(item.pk).slice('USER#'.length));
    }
  }
  return done;
}

/**
 * An account deleted from Cognito outside the API: its username is released (the guard, only if it still names this
 * user) so the name can register again, and its profile records when that was found. Both are idempotent.
 */
export async function releaseDeletedAccount(userId: string, username: string, at: Date): Promise<void> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: TABLE,
        Key: usernameGuardKey(username),
        ConditionExpression: 'userId = :userId',
        ExpressionAttributeValues: { ':userId': userId },
      }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  }
  await db
    .send(
      new UpdateCommand({
        TableName: TABLE,
        Key: userKey(userId),
        UpdateExpression: 'SET accountDeletedAt = if_not_exists(accountDeletedAt, :at)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      }),
    )
    .catch((error: unknown) => {
      if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
    });
}
