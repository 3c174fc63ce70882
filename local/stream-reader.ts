// The table's DynamoDB stream, read from DynamoDB Local with the real Streams SDK and handed to the webhook fan-out
// (functions/webhooks/fan-out.ts) as Lambda's event source mapping hands it deployed: batches of records, the same
// filter (new Event items), retried until the handler succeeds. Every shard is followed from its oldest record
// (fan-out is idempotent: a record read again finds its jobs), and new shards are picked up as DynamoDB Local rolls
// them. One reader per `npm start`; stop() ends it.
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { inBackground } from './background.ts';

export interface StreamReader {
  stop(): Promise<void>;
}

const POLL_MS = 200;

export async function startStreamReader(options: {
  dynamo: DynamoDBClient;
  endpoint: string;
  region: string;
  tableName: string;
  handle: (records: DynamoDBStreamEvent['Records']) => Promise<void>;
  onError: (error: unknown) => void;
}): Promise<StreamReader> {
  const { Table } = await options.dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${options.tableName} has no stream`);
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: options.region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const iterators = new Map<string, string | undefined>();
  const finished = new Set<string>();
  let stopped = false;

  async function discover(): Promise<void> {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId;
      if (!id || iterators.has(id) || finished.has(id)) continue;
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: id, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      iterators.set(id, ShardIterator);
    }
  }

  async function readShard(id: string, iterator: string): Promise<number> {
    let records: _Record[];
    let next: string | undefined;
    try {
      const answer = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
      records = answer.Records ?? [];
      next = answer.NextShardIterator;
    } catch (error) {
      if (error instanceof ExpiredIteratorException) {
        iterators.delete(id);
        return 0;
      }
      throw error;
    }
    if (records.length > 0) {
      // As the event source mapping: the batch is retried until it succeeds (the iterator only moves on after).
      await options.handle(records as unknown as DynamoDBStreamEvent['Records']);
    }
    if (next) iterators.set(id, next);
    else {
      iterators.delete(id);
      finished.add(id);
    }
    return records.length;
  }

  let rounds = 0;
  const loop = inBackground('webhook stream', async () => {
    while (!stopped) {
      try {
        // DynamoDB Local rolls shards: look for new ones every second, and at once when none is open.
        if (rounds++ % 5 === 0 || iterators.size === 0) await discover();
        await Promise.all([...iterators].map(([id, iterator]) => (iterator ? readShard(id, iterator) : Promise.resolve())));
      } catch (error) {
        if (!stopped) options.onError(error);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS).unref());
    }
  });

  return {
    async stop() {
      stopped = true;
      await loop.catch(() => undefined);
      streams.destroy();
    },
  };
}
