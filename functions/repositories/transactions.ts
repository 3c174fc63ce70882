// One TransactWriteItems whose conditional items are named, so a cancellation says which guard failed.
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, db } from '#adapters/dynamodb';

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

export async function transact(items: NamedItem[]): Promise<void> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items.map(({ item }) => item) }));
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (reasons) {
      const failed = items
        .map((entry, index) => (reasons[index] === 'ConditionalCheckFailed' ? (entry.guard ?? 'unnamed') : undefined))
        .filter((guard): guard is string => guard !== undefined);
      if (failed.length > 0) throw new UniquenessConflict(failed);
    }
    throw error;
  }
}

/** A Put that fails when an item with the same key already exists. */
export const putNew = (table: string, item: Record<string, unknown>): TransactItem => ({
  Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
});
