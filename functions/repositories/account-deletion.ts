// Deleting a person's account, step by step (use-cases/account-deletion.ts says the order and why each step can be
// repeated): the deletion mark, what sits in the person's partition and sessions, and the final transaction that
// removes the profile with its guards.
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, GSI1, isConditionFailure, queryAll, TABLE } from '#adapters/dynamodb';
import type { AccountCheck } from '#domain/account-check';
import { verifiedEmailGuardKey } from '#domain/email-verification';
import { userPk } from '#domain/keys';
import { membershipKey } from '#domain/membership';
import { superAdminKey } from '#domain/platform';
import { SESSION_GSI1SK_PREFIX } from '#domain/session';
import { type User, userKey, usernameGuardKey } from '#domain/user';
import { accountCheckWrite } from './account-checks.ts';
import { GUARD } from './guards.ts';
import { transact } from './transactions.ts';

type Key = { pk: string; sk: string };

/** Marks the profile as being deleted (kept at its first instant when repeated). False when the profile is gone. */
export async function markDeleting(userId: string, now: string): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: userKey(userId),
        UpdateExpression: 'SET deletingSince = if_not_exists(deletingSince, :now)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':now': now },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** The deletion was refused after it started (the last admin of an organisation): the account is usable again. */
export async function unmarkDeleting(userId: string): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: userKey(userId),
        UpdateExpression: 'REMOVE deletingSince',
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

async function keysOf(query: Parameters<typeof queryAll>[0]): Promise<Key[]> {
  return (await queryAll(query)).map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
}

/**
 * Everything keyed to the person but the profile: their partition (pending mail about them) and their recorded
 * sessions (GSI1). Deleted one by one (idempotent: a repeat deletes what is left).
 */
export async function deletePersonalItems(userId: string): Promise<number> {
  const [partition, sessions] = await Promise.all([
    keysOf({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': userPk(userId) },
      ConsistentRead: true,
    }),
    keysOf({
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :session)',
      ExpressionAttributeValues: { ':pk': userPk(userId), ':session': SESSION_GSI1SK_PREFIX },
    }),
  ]);
  const keys = [...partition.filter((key) => key.sk !== userKey(userId).sk), ...sessions];
  for (const Key of keys) await db.send(new DeleteCommand({ TableName: TABLE, Key }));
  return keys.length;
}

/**
 * The last DynamoDB step, in ONE transaction: the profile (still marked deleting), the username guard, the proven
 * address's guard and a super-admin marker, each only if it is still this person's, and the account check that has
 * the sweeper delete the Cognito user if this request dies before it does. The username and the address are free
 * again from then on.
 */
export async function deleteProfileAndGuards(
  user: Pick<User, 'id' | 'username' | 'email' | 'emailVerified'>,
  check: AccountCheck,
): Promise<void> {
  const ours = { ConditionExpression: 'attribute_not_exists(pk) OR userId = :me', ExpressionAttributeValues: { ':me': user.id } };
  await transact([
    {
      item: { Delete: { TableName: TABLE, Key: userKey(user.id), ConditionExpression: 'attribute_exists(deletingSince)' } },
      guard: GUARD.profile,
    },
    { item: { Delete: { TableName: TABLE, Key: usernameGuardKey(user.username), ...ours } }, guard: GUARD.username },
    ...(user.email && user.emailVerified
      ? [{ item: { Delete: { TableName: TABLE, Key: verifiedEmailGuardKey(user.email), ...ours } }, guard: GUARD.verifiedEmail }]
      : []),
    { item: { Delete: { TableName: TABLE, Key: superAdminKey(user.id) } } },
    accountCheckWrite(check),
  ]);
}

/** A membership item whose organisation is already gone (deleted meanwhile): nothing else to keep consistent. */
export async function deleteOrphanMembership(organisationId: string, userId: string): Promise<void> {
  await db.send(new DeleteCommand({ TableName: TABLE, Key: membershipKey(organisationId, userId) }));
}
