// `npm run backfill-organisation-shards [-- --table-name <name> --region <region> [--dynamodb-endpoint <url>]]`: moves
// every organisation still listed under the platform list's one former GSI1 partition (`ORGANISATIONS`) to its shard
// (`ORGANISATIONS#<n>`, domain/platform.ts). Run it once after deploying the sharded list; until it has run, the
// list's readers also read the former partition, so no organisation is missing meanwhile. Idempotent and resumable:
// each move is an UpdateItem conditioned on the item still naming the former partition, so a second run, or a run
// beside new organisations being created, moves only what is left. Without arguments: the running local stack
// (runtime.json in CABINET_STATE_DIR or ./.cabinet-local).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { GSI1 } from '#core/table';
import { LEGACY_ORGANISATIONS_GSI1PK, organisationListPk } from '#domain/platform';

/** Moves every organisation of the former list partition to its shard; answers how many it moved. */
export async function backfillOrganisationShards(client: DynamoDBDocumentClient, table: string): Promise<number> {
  let moved = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: table,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :legacy',
        ExpressionAttributeValues: { ':legacy': LEGACY_ORGANISATIONS_GSI1PK },
        Limit: 100,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: table,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: 'SET gsi1pk = :shard',
            ConditionExpression: 'gsi1pk = :legacy',
            ExpressionAttributeValues: { ':shard': organisationListPk(String(item.id)), ':legacy': LEGACY_ORGANISATIONS_GSI1PK },
          }),
        );
        moved++;
      } catch (error) {
        // Moved already (by another run), or deleted since the index was read: nothing to do.
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return moved;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'table-name': { type: 'string' }, region: { type: 'string' }, 'dynamodb-endpoint': { type: 'string' } },
  });
  let table = values['table-name'];
  let region = values.region;
  let endpoint = values['dynamodb-endpoint'];
  let credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  if (!table) {
    const stateDir = resolve(process.env.CABINET_STATE_DIR ?? '.cabinet-local');
    const info = JSON.parse(readFileSync(join(stateDir, 'runtime.json'), 'utf8')) as {
      tableName: string;
      region: string;
      dynamoEndpoint: string;
    };
    [table, region, endpoint] = [info.tableName, info.region, info.dynamoEndpoint];
    credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}), ...(credentials ? { credentials } : {}) }),
  );
  const moved = await backfillOrganisationShards(client, table);
  console.log(JSON.stringify({ moved }));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
