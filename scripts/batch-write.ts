// Seeding for the scale bench and the integration tests: items written with BatchWriteItem, 25 a request, by a few
// writers at once, each retrying what DynamoDB left unprocessed until nothing is left.
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export async function batchWriteAll(
  client: DynamoDBDocumentClient,
  table: string,
  items: readonly Record<string, unknown>[],
  writers = 8,
): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let start = 0; start < items.length; start += 25) batches.push(items.slice(start, start + 25));
  let next = 0;
  const writer = async () => {
    for (let taken = next++; taken < batches.length; taken = next++) {
      let pending: Record<string, unknown>[] = (batches[taken] ?? []).map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const response = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = (response.UnprocessedItems?.[table] as Record<string, unknown>[] | undefined) ?? [];
      }
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
}
