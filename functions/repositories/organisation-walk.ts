// Walking every organisation from a cursor, one page at a time (GSI1, never a Scan), for the jobs that visit each
// tenant outside any request: the account sweeper's reconciliation and the patient search-key backfill. The cursor
// names the list shard and the GSI1 sort key of the last organisation walked (domain/platform.ts).
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, GSI1, TABLE } from '#adapters/dynamodb';
import { organisationIdOfPk, organisationPk } from '#domain/keys';
import { ORGANISATION_SK } from '#domain/organisation';
import { ORGANISATION_LIST_PKS, organisationIdOfListKey, organisationWalkCursor, organisationWalkPosition } from '#domain/platform';

/**
 * A page of organisation ids after the cursor, and each one's cursor. The list is spread over GSI1 shards
 * (domain/platform.ts): the walk takes them one after the other, and a cursor names its shard
 * (organisationWalkPosition: a cursor from before the shards restarts the walk).
 */
export async function organisationsPage(
  after: string | undefined,
  limit: number,
): Promise<{ ids: string[]; sks: string[]; more: boolean }> {
  const position = organisationWalkPosition(after);
  let afterSk = position.afterSk;
  for (let index = position.index; index < ORGANISATION_LIST_PKS.length; index += 1, afterSk = undefined) {
    const pk = ORGANISATION_LIST_PKS[index];
    const afterId = afterSk === undefined ? undefined : organisationIdOfListKey(afterSk);
    const page = await db.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ProjectionExpression: 'pk, sk, gsi1pk, gsi1sk',
        Limit: limit,
        ...(afterSk && afterId
          ? { ExclusiveStartKey: { gsi1pk: pk, gsi1sk: afterSk, pk: organisationPk(afterId), sk: ORGANISATION_SK } }
          : {}),
      }),
    );
    const items = page.Items ?? [];
    if (items.length === 0 && page.LastEvaluatedKey === undefined) continue;
    return {
      ids: items.map((item) => organisationIdOfPk(String(item.pk)) ?? ''),
      sks: items.map((item) => organisationWalkCursor(index, String(item.gsi1sk))),
      more: page.LastEvaluatedKey !== undefined || index < ORGANISATION_LIST_PKS.length - 1,
    };
  }
  return { ids: [], sks: [], more: false };
}
