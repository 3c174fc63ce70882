// Password reset tokens (domain/password-reset.ts) as transaction items: created with the mail job that carries the
// link, used once (conditionally), released again if the new password could not be set.
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, TABLE } from '#adapters/dynamodb';
import { type ResetToken, resetTokenFromItem, resetTokenItem, resetTokenKey } from '#domain/password-reset';
import { GUARD } from './guards.ts';
import { type NamedItem, putNew } from './transactions.ts';

export const newResetTokenItem = (tokenHash: string, token: ResetToken): NamedItem => ({
  item: putNew(TABLE, resetTokenItem(tokenHash, token)),
  guard: GUARD.resetToken,
});

export async function findResetToken(tokenHash: string): Promise<ResetToken | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: resetTokenKey(tokenHash), ConsistentRead: true }));
  return Item ? resetTokenFromItem(Item) : undefined;
}

/** The link used, if it still is unused and valid now (ConditionFailed resetToken otherwise). */
export const useResetTokenItem = (tokenHash: string, now: string): NamedItem => ({
  item: {
    Update: {
      TableName: TABLE,
      Key: resetTokenKey(tokenHash),
      UpdateExpression: 'SET usedAt = :now',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND validUntil > :now',
      ExpressionAttributeValues: { ':now': now },
    },
  },
  guard: GUARD.resetToken,
});

/** Compensation: the new password was refused after the link was used, so the link works again. */
export async function releaseResetToken(tokenHash: string, usedAt: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: TABLE,
      Key: resetTokenKey(tokenHash),
      UpdateExpression: 'REMOVE usedAt',
      ConditionExpression: 'usedAt = :usedAt',
      ExpressionAttributeValues: { ':usedAt': usedAt },
    }),
  );
}
