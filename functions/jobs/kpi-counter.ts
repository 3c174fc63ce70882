// The KPI part of the table stream's consumer (functions/jobs/table-stream.ts): new KPI records of a batch
// (KPI_STREAM_FILTER, one of the event source mapping's filters deployed; the local stream reader's locally), counted
// into the platform's KPI counters (use-cases/kpi-counting.ts). A batch retried by Lambda counts nothing twice: each
// record has its marker.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { KPI_RECORD_TYPE } from '#domain/metrics';
import { countKpis } from '#use-cases/kpi-counting';

/** The records the counter wants: new KPI record items. Lambda's FilterCriteria pattern, also applied locally. */
export const KPI_STREAM_FILTER = { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: [KPI_RECORD_TYPE] } } } } as const;

type StreamRecord = DynamoDBStreamEvent['Records'][number];

export const isKpiRecord = (record: StreamRecord): boolean =>
  record.eventName === 'INSERT' && record.dynamodb?.NewImage?.type?.S === KPI_RECORD_TYPE;

/** Counts the batch's KPI records (others are left alone: the local reader hands every record). */
export const countStreamKpis = (records: readonly StreamRecord[]): Promise<number> =>
  countKpis(records.filter(isKpiRecord).map((record) => unmarshall(record.dynamodb?.NewImage as Record<string, AttributeValue>)));
