// The webhook part of the table stream's consumer (functions/jobs/table-stream.ts): new Event items of a batch
// (EVENT_STREAM_FILTER, one of the event source mapping's filters deployed, the local stream reader's locally) become
// one delivery job per ENABLED endpoint subscribed to the event's type, then a first attempt at once, and the first
// retry about 5 s after it failed. Jobs are written before any attempt and only if absent, so a batch retried by
// Lambda (or a record read twice) neither loses nor doubles a delivery; an attempt cut short is the sweeper's once
// its claim lapses.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { webhookConfig } from '#core/webhook-config';
import { EVENT_ITEM_TYPE, eventFromItem, type OrgEvent } from '#domain/events';
import { type DeliveryJob, FAN_OUT_TIMEOUT_SECONDS, payloadOf, subscribes } from '#domain/webhook';
import { attemptWithFirstRetry } from './delivery.ts';
import { organisationWebhooks, putNewJob } from './store.ts';

/** The records the fan-out wants: new Event items. Lambda's FilterCriteria pattern, also applied by local/stream-reader.ts. */
export const EVENT_STREAM_FILTER = { eventName: ['INSERT'], dynamodb: { NewImage: { type: { S: [EVENT_ITEM_TYPE] } } } } as const;

type StreamRecord = DynamoDBStreamEvent['Records'][number];

export const isEventRecord = (record: StreamRecord): boolean =>
  record.eventName === 'INSERT' && record.dynamodb?.NewImage?.type?.S === EVENT_ITEM_TYPE;

/** The jobs of one event: one per subscribed endpoint, written unless they exist. The new ones are returned. */
export async function jobsFor(event: OrgEvent, now: Date): Promise<DeliveryJob[]> {
  const endpoints = (await organisationWebhooks(event.organisationId)).filter((webhook) => subscribes(webhook, event.type));
  const at = now.toISOString();
  // The first attempt is this run's; the sweeper may take the job only once the claim lapses.
  const claimedUntil = new Date(now.getTime() + webhookConfig.WEBHOOK_CLAIM_SECONDS * 1000).toISOString();
  const jobs = endpoints.map(
    (webhook): DeliveryJob => ({
      organisationId: event.organisationId,
      webhookId: webhook.id,
      eventId: event.id,
      payload: payloadOf(event),
      status: 'PENDING',
      attempts: 0,
      nextAttemptAt: claimedUntil,
      createdAt: at,
      updatedAt: at,
    }),
  );
  const written = await Promise.all(jobs.map((job) => putNewJob(job)));
  return jobs.filter((_, index) => written[index]);
}

/**
 * One batch of stream records. `remainingMs` is what is left of the invocation (Lambda's context; locally, as if it
 * had the deployed timeout): it bounds the first retries the fan-out makes itself.
 */
export async function fanOut(
  records: readonly StreamRecord[],
  options: { now?: () => Date; remainingMs?: () => number } = {},
): Promise<void> {
  const now = options.now ?? (() => new Date());
  const deadline = Date.now() + FAN_OUT_TIMEOUT_SECONDS * 1000;
  const remainingMs = options.remainingMs ?? (() => deadline - Date.now());
  const events = records
    .filter(isEventRecord)
    .map((record) => eventFromItem(unmarshall(record.dynamodb?.NewImage as Record<string, AttributeValue>)));
  const jobs = (await Promise.all(events.map((event) => jobsFor(event, now())))).flat();
  await Promise.all(jobs.map((job) => attemptWithFirstRetry(job, remainingMs, now)));
}
