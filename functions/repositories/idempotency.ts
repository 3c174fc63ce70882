// Idempotency records (domain/idempotency.ts): IDEMPOTENCY#<hash> / RECORD, removed by TTL 24 h after the first
// attempt. Taking a key is one conditional PutItem that also returns the existing record when the condition fails
// (ReturnValuesOnConditionCheckFailure), so a retry costs no extra read.
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, TABLE } from '#adapters/dynamodb';
import { TTL_ATTRIBUTE } from '#core/table';
import { IDEMPOTENCY_TTL_SECONDS, type IdempotencyRecord, type StoredReply } from '#domain/idempotency';

type Key = { pk: string; sk: string };

const recordOf = (item: Record<string, unknown>): IdempotencyRecord => ({
  status: item.status as IdempotencyRecord['status'],
  fingerprint: String(item.fingerprint),
  lockedUntil: Number(item.lockedUntil),
  attempt: String(item.attempt),
  ...(item.reply ? { reply: item.reply as StoredReply } : {}),
});

/**
 * Takes the key for this attempt: creates the record IN_PROGRESS, or takes over one whose previous attempt died
 * (IN_PROGRESS past its lock) or expired (past its TTL, not yet removed). Otherwise returns the record that holds it.
 */
export async function takeKey(
  key: Key,
  record: { fingerprint: string; lockedUntil: number; attempt: string },
  nowMs: number,
): Promise<{ taken: true } | { taken: false; record: IdempotencyRecord }> {
  try {
    await db.send(
      new PutCommand({
        TableName: TABLE,
        Item: {
          ...key,
          type: 'IdempotencyRecord',
          status: 'IN_PROGRESS',
          ...record,
          createdAt: new Date(nowMs).toISOString(),
          [TTL_ATTRIBUTE]: Math.floor(nowMs / 1000) + IDEMPOTENCY_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR (#status = :inProgress AND lockedUntil < :now) OR #ttl < :nowSeconds',
        ExpressionAttributeNames: { '#status': 'status', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':now': nowMs, ':nowSeconds': Math.floor(nowMs / 1000) },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { taken: true };
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
    // The failed condition's item comes back with the error (raw attribute values); read it only if it does not.
    const old = (error as { Item?: Record<string, unknown> }).Item;
    const item = old
      ? typeof old.pk === 'object'
        ? unmarshallLoose(old)
        : old
      : (await db.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;
    if (!item) return takeKey(key, record, nowMs);
    return { taken: false, record: recordOf(item) };
  }
}

/**
 * ReturnValuesOnConditionCheckFailure's item may come back in DynamoDB's own attribute format (the DocumentClient does
 * not translate errors): `{ pk: { S: … } }` is turned into plain values. Records hold strings, numbers, booleans,
 * maps and lists only.
 */
function unmarshallLoose(item: Record<string, unknown>): Record<string, unknown> {
  const plain = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    const typed = value as Record<string, unknown>;
    if ('S' in typed) return typed.S;
    if ('N' in typed) return Number(typed.N);
    if ('BOOL' in typed) return typed.BOOL;
    if ('NULL' in typed) return null;
    if ('L' in typed) return (typed.L as unknown[]).map(plain);
    if ('M' in typed) return Object.fromEntries(Object.entries(typed.M as Record<string, unknown>).map(([k, v]) => [k, plain(v)]));
    return Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, plain(v)]));
  };
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, plain(value)]));
}

/** Records the first answer; false if this attempt no longer holds the key (it ran past its lock and was taken over). */
export async function completeKey(key: Key, attempt: string, reply: StoredReply): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: TABLE,
        Key: key,
        UpdateExpression: 'SET #status = :completed, reply = :reply REMOVE lockedUntil',
        ConditionExpression: 'attempt = :attempt',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':completed': 'COMPLETED', ':reply': reply, ':attempt': attempt },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** The attempt was refused or failed (nothing was written): the key is free again, so a retry runs afresh. */
export async function releaseKey(key: Key, attempt: string): Promise<void> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: TABLE,
        Key: key,
        ConditionExpression: 'attempt = :attempt AND #status = :inProgress',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':attempt': attempt, ':inProgress': 'IN_PROGRESS' },
      }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
  }
}
