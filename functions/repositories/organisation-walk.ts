// Walking every organisation from a cursor, one page at a time (GSI1, never a Scan), for the jobs that visit each
// tenant outside any request: the account sweeper's reconciliation and the patient search-key backfill. The cursor
// is the GSI1 sort key of the last organisation walked.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, GSI1, TABLE } from '#adapters/dynamodb';
import { organisationIdOfPk, organisationPk } from '#domain/keys';
import { ORGANISATION_SK } from '#domain/organisation';
import { ALL_ORGANISATIONS_GSI1PK } from '#domain/platform';

/** A page of organisation ids after the cursor (GSI1 sort key of the last one walked), and the cursor of its last. */
export async function organisationsPage(
  after: string | undefined,
  limit: number,
): Promise<{ ids: string[]; sks: string[]; more: boolean }> {
  const afterId = after?.slice(after.lastIndexOf('#') + 1);
  const page = await db.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': ALL_ORGANISATIONS_GSI1PK },
      ProjectionExpression: 'pk, sk, gsi1pk, gsi1sk',
      Limit: limit,
      ...(after && afterId
        ? { ExclusiveStartKey: { gsi1pk: ALL_ORGANISATIONS_GSI1PK, gsi1sk: after, pk: organisationPk(afterId), sk: ORGANISATION_SK } }
        : {}),
    }),
  );
  const items = page.Items ?? [];
  return {
    ids: items.map((item) => organisationIdOfPk(String(item.pk)) ?? ''),
    sks: items.map((item) => String(item.gsi1sk)),
    more: page.LastEvaluatedKey !== undefined,
  };
}
