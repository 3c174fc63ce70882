// Webhook endpoints, their delivery jobs and attempts, and the pure rules of delivery: the Standard Webhooks signature,
// the retry schedule, the payload. Items:
// - endpoint: ORG#<orgId> / WEBHOOK#<id>, with its signing secrets (never in a view, a log or an event);
// - the organisation's endpoint counter: ORG#<orgId> / WEBHOOKS (at most MAX_WEBHOOKS_PER_ORGANISATION);
// - delivery job: ORG#<orgId> / WHJOB#<webhookId>#<eventId>, one per endpoint and event, in the due-time index
//   (GSI1 WHQ#<shard> / <nextAttemptAt>#<jobId>) while PENDING, as the mail outbox's jobs are;
// - attempt: ORG#<orgId> / WHATTEMPT#<webhookId>#<ulid>, what GET …/deliveries lists (TTL 30 days).
import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { EventData, EventType, OrgEvent } from './events.ts';
import { organisationPk } from './keys.ts';

export const MAX_WEBHOOKS_PER_ORGANISATION = 10;
export const MAX_WEBHOOK_URL_LENGTH = 2048;
/** A delivery succeeds with a 2xx within this long. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** At most this much of a receiver's answer is read (and never shown). */
export const MAX_RESPONSE_BYTES = 1024;
/** After a rotation the previous secret signs beside the new one this long. */
export const PREVIOUS_SECRET_SECONDS = 24 * 3600;
export const ATTEMPT_RETENTION_SECONDS = 30 * 24 * 3600;

/** Seconds before each retry (attempt 2, 3, …) on the real schedule: about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const RETRY_DELAYS_SECONDS = [5, 300, 1800, 7200, 18_000, 36_000, 36_000] as const;
/** The same attempts, seconds apart (`npm start` by default): a developer and the tests wait seconds, not hours. */
export const COMPRESSED_RETRY_DELAYS_SECONDS = [1, 1, 2, 2, 3, 3, 3] as const;
export const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
export type RetrySchedule = 'real' | 'compressed';

export type WebhookStatus = 'ENABLED' | 'DISABLED';

export interface WebhookSecrets {
  /** `whsec_<base64 key>`: the key signs every delivery. */
  current: string;
  previous?: string;
  previousExpiresAt?: string;
}

export interface Webhook {
  id: string;
  organisationId: string;
  url: string;
  eventTypes: EventType[];
  description?: string;
  status: WebhookStatus;
  secrets: WebhookSecrets;
  disabledAt?: string;
  disabledReason?: string;
  createdAt: string;
  updatedAt: string;
}

export const WEBHOOK_SK_PREFIX = 'WEBHOOK#';
export const webhookKey = (organisationId: string, id: string) => ({ pk: organisationPk(organisationId), sk: `${WEBHOOK_SK_PREFIX}${id}` });
export const WEBHOOK_COUNTER_SK = 'WEBHOOKS';
export const webhookCounterKey = (organisationId: string) => ({ pk: organisationPk(organisationId), sk: WEBHOOK_COUNTER_SK });

export const webhookItem = (webhook: Webhook) => ({ ...webhookKey(webhook.organisationId, webhook.id), type: 'Webhook', ...webhook });

export function webhookFromItem(item: Record<string, unknown>): Webhook {
  const { pk: _pk, sk: _sk, type: _type, ...webhook } = item;
  return webhook as unknown as Webhook;
}

/** A new signing secret: `whsec_` and 32 random bytes in base64, as Standard Webhooks recommends (24 to 64). */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/** The secrets that sign at `now`: the current one, and the previous one until it expires. */
export function signingSecrets(secrets: WebhookSecrets, now: Date): string[] {
  const live = [secrets.current];
  if (secrets.previous && secrets.previousExpiresAt && Date.parse(secrets.previousExpiresAt) > now.getTime()) live.push(secrets.previous);
  return live;
}

/** Standard Webhooks: `v1,` + base64 HMAC-SHA256 of `<id>.<timestamp>.<body>` keyed by the secret's base64 part. */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The `webhook-signature` header: one signature per live secret, space-separated. */
export const signatureHeader = (secrets: readonly string[], id: string, timestamp: number, body: string): string =>
  secrets.map((secret) => signature(secret, id, timestamp, body)).join(' ');

/** What a delivery carries of an event: Standard Webhooks' `{ type, timestamp, data }` plus its ids. */
export interface WebhookPayload {
  type: EventType;
  timestamp: string;
  id: string;
  organisationId: string;
  data: EventData;
}

export const payloadOf = (event: OrgEvent): WebhookPayload => ({
  type: event.type,
  timestamp: event.occurredAt,
  id: event.id,
  organisationId: event.organisationId,
  data: event.data,
});

/** Whether an endpoint takes an event: enabled and subscribed to its type (a test event goes to its endpoint alone). */
export const subscribes = (webhook: Webhook, type: EventType): boolean => webhook.status === 'ENABLED' && webhook.eventTypes.includes(type);

/**
 * When attempt `attempt + 1` is due after attempt `attempt` (1-based) failed at `now`, or undefined when it was the
 * last. Jitter: ±20 % of the delay (`random` in [0, 1)), so retries of many endpoints do not fall together.
 */
export function nextAttemptAt(attempt: number, now: Date, schedule: RetrySchedule, random: number = Math.random()): Date | undefined {
  const delays = schedule === 'real' ? RETRY_DELAYS_SECONDS : COMPRESSED_RETRY_DELAYS_SECONDS;
  const delay = delays[attempt - 1];
  if (delay === undefined) return undefined;
  const jittered = delay * (0.8 + 0.4 * random);
  return new Date(now.getTime() + Math.round(jittered * 1000));
}

/**
 * The fan-out's function timeout (lib/webhooks.ts) and what it must hold: a first attempt, the wait for the first
 * retry and that retry (each attempt at most DELIVERY_TIMEOUT_MS), with a margin for resolving the host and the
 * transactions.
 */
export const FAN_OUT_TIMEOUT_SECONDS = 60;
/** The fan-out makes the first retry itself only if it falls due within this long (the real schedule's 5 s ±20 %). */
export const INLINE_RETRY_MAX_WAIT_MS = 10_000;
/** Kept in hand beyond the wait and the retry's own timeout: DNS, the claim and the attempt's transaction. */
export const INLINE_RETRY_MARGIN_MS = 5_000;
export const FAN_OUT_MIN_TIMEOUT_MS = 2 * DELIVERY_TIMEOUT_MS + INLINE_RETRY_MAX_WAIT_MS + INLINE_RETRY_MARGIN_MS;

/**
 * How long the fan-out waits before making the first retry itself, or undefined when the retry is the sweeper's.
 * Deployed the sweeper runs once a minute, so a retry due about 5 s after the first failure would wait for it about a
 * minute: the fan-out that made the first attempt holds on and makes the second at its due time (`retryAt`), if its
 * invocation has time left for the wait, the attempt and a margin (`remainingMs`). Only the first retry: the later
 * ones (5 min and more) are the sweeper's, and a fan-out never holds its stream shard longer than one retry.
 */
export function inlineRetryWait(failedAttempt: number, retryAt: Date | undefined, now: Date, remainingMs: number): number | undefined {
  if (failedAttempt !== 1 || retryAt === undefined) return undefined;
  const wait = Math.max(0, retryAt.getTime() - now.getTime());
  if (wait > INLINE_RETRY_MAX_WAIT_MS) return undefined;
  if (remainingMs < wait + DELIVERY_TIMEOUT_MS + INLINE_RETRY_MARGIN_MS) return undefined;
  return wait;
}

/**
 * How long after an event its last delivery attempt may still come: every delay of the schedule at its largest
 * jitter, each attempt's timeout, and a margin for a stream read that lags. Past this nothing waits for a delivery.
 */
export function deliveryHorizonMs(schedule: RetrySchedule): number {
  const delays = schedule === 'real' ? RETRY_DELAYS_SECONDS : COMPRESSED_RETRY_DELAYS_SECONDS;
  const total = delays.reduce((sum: number, delay) => sum + delay, 0);
  return Math.ceil(total * 1.2 * 1000) + MAX_DELIVERY_ATTEMPTS * DELIVERY_TIMEOUT_MS + 15 * 60_000;
}

/** A receiver answered in time with a 2xx. */
export const isSuccess = (statusCode: number | undefined): boolean => statusCode !== undefined && statusCode >= 200 && statusCode < 300;

// Delivery jobs.
export type DeliveryStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

export interface DeliveryJob {
  organisationId: string;
  webhookId: string;
  eventId: string;
  payload: WebhookPayload;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string;
  createdAt: string;
  updatedAt: string;
}

export const DELIVERY_JOB_SK_PREFIX = 'WHJOB#';
/** Pending jobs spread over this many GSI1 partitions (by job), swept one Query each per run. */
export const DELIVERY_QUEUE_SHARDS = 4;
export const deliveryJobId = (webhookId: string, eventId: string) => `${webhookId}#${eventId}`;
export const deliveryJobKey = (organisationId: string, webhookId: string, eventId: string) => ({
  pk: organisationPk(organisationId),
  sk: `${DELIVERY_JOB_SK_PREFIX}${deliveryJobId(webhookId, eventId)}`,
});
export const deliveryQueueShard = (jobId: string): number =>
  Number.parseInt(createHash('sha256').update(jobId).digest('hex').slice(0, 4), 16) % DELIVERY_QUEUE_SHARDS;
export const deliveryQueuePk = (shard: number) => `WHQ#${shard}`;
export const deliveryQueueSk = (nextAttempt: string, jobId: string) => `${nextAttempt}#${jobId}`;

export const deliveryJobItem = (job: DeliveryJob) => {
  const jobId = deliveryJobId(job.webhookId, job.eventId);
  return {
    ...deliveryJobKey(job.organisationId, job.webhookId, job.eventId),
    type: 'WebhookDeliveryJob',
    ...job,
    gsi1pk: deliveryQueuePk(deliveryQueueShard(jobId)),
    gsi1sk: deliveryQueueSk(job.nextAttemptAt, jobId),
  };
};

export function deliveryJobFromItem(item: Record<string, unknown>): DeliveryJob {
  const { pk: _pk, sk: _sk, type: _type, gsi1pk: _gsi1pk, gsi1sk: _gsi1sk, ttl: _ttl, ...job } = item;
  return job as unknown as DeliveryJob;
}

// Attempts.
export interface DeliveryAttempt {
  id: string;
  organisationId: string;
  webhookId: string;
  eventId: string;
  eventType: EventType;
  attempt: number;
  statusCode: number | null;
  durationMs: number;
  outcome: 'succeeded' | 'failed';
  error?: string;
  at: string;
  nextAttemptAt: string | null;
}

export const ATTEMPT_SK_PREFIX = 'WHATTEMPT#';
export const attemptPrefix = (webhookId: string) => `${ATTEMPT_SK_PREFIX}${webhookId}#`;
export const attemptItem = (attempt: DeliveryAttempt) => ({
  pk: organisationPk(attempt.organisationId),
  sk: `${attemptPrefix(attempt.webhookId)}${attempt.id}`,
  type: 'WebhookDeliveryAttempt',
  ...attempt,
});

export function attemptFromItem(item: Record<string, unknown>): DeliveryAttempt {
  const { pk: _pk, sk: _sk, type: _type, ttl: _ttl, ...attempt } = item;
  return attempt as unknown as DeliveryAttempt;
}
