// One TransactWriteItems whose conditional items are named, so a cancellation says which guard failed.
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, db } from '#adapters/dynamodb';
import { ConflictError } from '#core/errors';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface NamedItem {
  item: TransactItem;
  /** Reported in UniquenessConflict when this item's condition fails. */
  guard?: string;
}

export class UniquenessConflict extends Error {
  constructor(readonly guards: string[]) {
    super(`Conditional check failed: ${guards.join(', ')}`);
    this.name = 'UniquenessConflict';
  }
}

const MAX_CONFLICT_RETRIES = 3;

export async function transact(items: NamedItem[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items.map(({ item }) => item) }));
      return;
    } catch (error) {
      // DynamoDB cancels a transaction that races another one on the same item (TransactionConflict): nothing
      // was written, so it is retried with jitter; DynamoDB Local serialises transactions and never does this.
      const reasons = cancellationReasons(error);
      const raced = reasons?.includes('TransactionConflict') && !reasons.includes('ConditionalCheckFailed');
      if (raced && attempt < MAX_CONFLICT_RETRIES) {
        await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt + Math.random() * 25));
        continue;
      }
      // Still racing after the retries: nothing was written, and the client can simply try again.
      if (raced) throw new ConflictError('The request conflicted with a concurrent change to the same data; try again.');
      throw named(items, error);
    }
  }
}

/** A cancellation whose conditions failed becomes a UniquenessConflict naming those items' guards. */
function named(items: NamedItem[], error: unknown): unknown {
  const reasons = cancellationReasons(error);
  const failed = (reasons ?? [])
    .map((reason, index) => (reason === 'ConditionalCheckFailed' ? (items[index]?.guard ?? 'unnamed') : undefined))
    .filter((guard): guard is string => guard !== undefined);
  return failed.length > 0 ? new UniquenessConflict(failed) : error;
}

/** A Put that fails when an item with the same key already exists. */
export const putNew = (table: string, item: Record<string, unknown>): TransactItem => ({
  Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
});
