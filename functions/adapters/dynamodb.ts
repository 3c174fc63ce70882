// The DynamoDB DocumentClient, created once per container.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { config } from '#core/config';

export { GSI1 } from '#core/table';

export const db = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: config.AWS_REGION,
    ...(config.DYNAMODB_ENDPOINT ? { endpoint: config.DYNAMODB_ENDPOINT } : {}),
  }),
  { marshallOptions: { removeUndefinedValues: true } },
);

export const TABLE = config.TABLE_NAME;

/** Reasons a TransactWriteItems was cancelled, one per item in request order ('None' where it passed). */
export function cancellationReasons(error: unknown): string[] | undefined {
  if (error instanceof Error && error.name === 'TransactionCanceledException') {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    return reasons?.map((reason) => reason.Code ?? 'None');
  }
  return undefined;
}

export const isConditionFailure = (error: unknown): boolean => error instanceof Error && error.name === 'ConditionalCheckFailedException';

type Key = { pk: string; sk: string };

// BatchGetItem accepts at most 100 keys per call.
const BATCH_GET_LIMIT = 100;

/**
 * BatchGetItem on the table, one call per 100 keys, retrying unprocessed keys; returns the items found, in no
 * particular order.
 */
export async function batchGet(keys: Key[], options: { consistent?: boolean } = {}): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT) {
    items.push(...(await batchGetAtMost100(keys.slice(start, start + BATCH_GET_LIMIT), options)));
  }
  return items;
}

async function batchGetAtMost100(keys: Key[], options: { consistent?: boolean }): Promise<Record<string, unknown>[]> {
  let pending: Record<string, unknown>[] = keys;
  const items: Record<string, unknown>[] = [];
  for (let attempt = 0; pending.length > 0 && attempt < 5; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    const response = await db.send(
      new BatchGetCommand({
        RequestItems: {
          [TABLE]: {
            Keys: pending,
            ...(options.consistent ? { ConsistentRead: true } : {}),
          },
        },
      }),
    );
    items.push(...(response.Responses?.[TABLE] ?? []));
    pending = (response.UnprocessedKeys?.[TABLE]?.Keys as Record<string, unknown>[] | undefined) ?? [];
  }
  if (pending.length > 0) throw new Error('BatchGetItem left unprocessed keys');
  return items;
}

/** Every item a Query on the table matches, page after page (for partitions known to stay small). */
export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ TableName: TABLE, ...input, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export const findItem = (items: Record<string, unknown>[], key: Key) => items.find((item) => item.pk === key.pk && item.sk === key.sk);
