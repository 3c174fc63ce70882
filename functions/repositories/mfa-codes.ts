// TOTP codes already accepted: USER#<id> / MFA_CODE#<sha256 of the code>, kept 90 s (the step a code belongs to and
// the one on either side that Cognito also accepts), so a code the API passes on is accepted once, never replayed.
import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, TABLE } from '#adapters/dynamodb';
import { nowMs } from '#core/clock';
import { TTL_ATTRIBUTE } from '#core/table';
import { userPk } from '#domain/keys';

/** How long a used code stays refused: its 30-second step and the step on either side Cognito tolerates. */
export const USED_CODE_SECONDS = 90;

export const usedCodeKey = (userId: string, code: string) => ({
  pk: userPk(userId),
  sk: `MFA_CODE#${createHash('sha256').update(`${userId}:${code}`).digest('hex')}`,
});

/**
 * Claims `code` for the person: true the first time, false when it was already used within USED_CODE_SECONDS (one
 * conditional put; an expired marker TTL has not removed yet counts as free).
 */
export async function claimCode(userId: string, code: string): Promise<boolean> {
  const now = Math.floor(nowMs() / 1000);
  try {
    await db.send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...usedCodeKey(userId, code), type: 'UsedMfaCode', [TTL_ATTRIBUTE]: now + USED_CODE_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk) OR #ttl <= :now',
        ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':now': now },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
