// The table stream's one consumer (lib/webhooks.ts: one event source mapping, filtered to new Event and KPI record
// items; local/stream-reader.ts locally): each batch goes to the webhook fan-out (new events become delivery jobs) and
// to the KPI counter (new KPI records are added to the platform's counters), side by side. One reader, not two: a
// DynamoDB stream serves at most two readers per shard at once without throttling them, so a second mapping would
// spend the stream's last reader on counters (docs/adr/0007). Both parts are idempotent (jobs are written only if
// absent, a record is counted with its marker), so a batch retried for either one's failure repeats nothing.
import type { Context, DynamoDBStreamEvent } from 'aws-lambda';
import { coldStartOf, withLogContext } from '#core/log-context';
import { EVENT_STREAM_FILTER, fanOut } from '#webhooks/fan-out';
import { countStreamKpis, KPI_STREAM_FILTER } from './kpi-counter.ts';

/** The mapping's filters (Lambda's FilterCriteria: a record passes when it matches any of them). */
export const TABLE_STREAM_FILTERS = [EVENT_STREAM_FILTER, KPI_STREAM_FILTER] as const;

type StreamRecord = DynamoDBStreamEvent['Records'][number];

/**
 * One batch: the fan-out and the KPI counter run at once, and the batch fails (so Lambda retries it) when either
 * failed, once both have finished — a throttled counter never cuts a delivery short, nor a failing delivery a count.
 */
export async function consumeTableStream(
  records: readonly StreamRecord[],
  options: { remainingMs?: () => number; fanOut?: typeof fanOut; countKpis?: typeof countStreamKpis } = {},
): Promise<void> {
  const deliver = options.fanOut ?? fanOut;
  const count = options.countKpis ?? countStreamKpis;
  const outcomes = await Promise.allSettled([
    deliver(records, options.remainingMs ? { remainingMs: options.remainingMs } : {}),
    count(records),
  ]);
  const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, 'the webhook fan-out and the KPI counter failed');
}

export async function handler(
  event: DynamoDBStreamEvent,
  context?: Pick<Context, 'awsRequestId' | 'getRemainingTimeInMillis'>,
): Promise<void> {
  const logContext = { function: 'table-stream', route: 'stream', coldStart: coldStartOf('table-stream') };
  await withLogContext({ ...logContext, ...(context ? { requestId: context.awsRequestId } : {}) }, () =>
    consumeTableStream(event.Records, context ? { remainingMs: () => context.getRemainingTimeInMillis() } : {}),
  );
}
