// The table stream's one consumer (functions/jobs/table-stream.ts): each batch goes to the webhook fan-out and to the
// KPI counter, and a failure of one neither stops the other nor is swallowed (Lambda retries the batch).
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { consumeTableStream, TABLE_STREAM_FILTERS } from '../../functions/jobs/table-stream.ts';

type StreamRecord = DynamoDBStreamEvent['Records'][number];

const batch: StreamRecord[] = [
  { eventName: 'INSERT', dynamodb: { NewImage: { type: { S: 'Event' } } } },
  { eventName: 'INSERT', dynamodb: { NewImage: { type: { S: 'KpiRecord' } } } },
];

describe('the table stream consumer', () => {
  it('hands the whole batch to the fan-out and to the KPI counter', async () => {
    const seen: string[] = [];
    await consumeTableStream(batch, {
      fanOut: async (records) => {
        seen.push(`fan-out ${records.length}`);
      },
      countKpis: async (records) => {
        seen.push(`kpis ${records.length}`);
        return 1;
      },
    });
    expect(seen.sort()).toEqual(['fan-out 2', 'kpis 2']);
  });

  it('still delivers when counting fails, and fails the batch so that Lambda retries it', async () => {
    let delivered = false;
    const throttled = new Error('ProvisionedThroughputExceededException');
    await expect(
      consumeTableStream(batch, {
        fanOut: async () => {
          await new Promise((resolve) => setImmediate(resolve));
          delivered = true;
        },
        countKpis: async () => {
          throw throttled;
        },
      }),
    ).rejects.toBe(throttled);
    expect(delivered).toBe(true);
  });

  it('still counts when the fan-out fails, and reports both failures when both fail', async () => {
    let counted = false;
    const failed = new Error('fan-out');
    await expect(
      consumeTableStream(batch, {
        fanOut: async () => {
          throw failed;
        },
        countKpis: async () => {
          counted = true;
          return 1;
        },
      }),
    ).rejects.toBe(failed);
    expect(counted).toBe(true);
    await expect(
      consumeTableStream(batch, {
        fanOut: async () => {
          throw failed;
        },
        countKpis: async () => {
          throw new Error('kpis');
        },
      }),
    ).rejects.toBeInstanceOf(AggregateError);
  });

  it('filters the stream to new events and new KPI records, as the deployed mapping does', () => {
    expect(TABLE_STREAM_FILTERS.map((filter) => filter.dynamodb.NewImage.type.S[0])).toEqual(['Event', 'KpiRecord']);
    expect(TABLE_STREAM_FILTERS.every((filter) => filter.eventName[0] === 'INSERT')).toBe(true);
  });
});
