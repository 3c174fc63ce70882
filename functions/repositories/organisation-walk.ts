// Walking every organisation from a cursor, one page at a time (GSI1, never a Scan), for the jobs that visit each
// tenant outside any request: the account sweeper's reconciliation and the patient search-key backfill. The cursor
// is the GSI1 sort key of the last organisation walked.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, GSI1, TABLE } from '#adapters/dynamodb';
import { organisationIdOfPk, organisationPk } from '#domain/keys';
import { ORGANISATION_SK } from '#domain/organisation';
import { ORGANISATION_LIST_PKS } from '#domain/platform';

/**
 * A page of organisation ids after the cursor, and each one's cursor. The list is spread over GSI1 shards
 * (domain/platform.ts): the walk takes them one after the other, so a cursor is `<shard index>|<GSI1 sort key>`
 * (a cursor without a shard, from before the shards, walks the legacy partition: the last).
 */
export async function organisationsPage(
  after: string | undefined,
  limit: number,
): Promise<{ ids: string[]; sks: string[]; more: boolean }> {
  const bar = after?.indexOf('|') ?? -1;
  let shard = after === undefined ? 0 : bar < 0 ? ORGANISATION_LIST_PKS.length - 1 : Number(after.slice(0, bar));
  let afterSk = after === undefined ? undefined : after.slice(bar + 1);
  for (; shard < ORGANISATION_LIST_PKS.length; shard += 1, afterSk = undefined) {
    const pk = ORGANISATION_LIST_PKS[shard];
    const afterId = afterSk?.slice(afterSk.lastIndexOf('#') + 1);
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
      sks: items.map((item) => `${shard}|${String(item.gsi1sk)}`),
      more: page.LastEvaluatedKey !== undefined || shard < ORGANISATION_LIST_PKS.length - 1,
    };
  }
  return { ids: [], sks: [], more: false };
}
