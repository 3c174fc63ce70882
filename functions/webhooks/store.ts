// Webhook persistence: endpoints (with their counter, at most MAX_WEBHOOKS_PER_ORGANISATION), delivery jobs in their
// due-time index (GSI1, never a Scan) and the attempts GET …/deliveries lists. Every job transition is conditional on
// the state its caller read, so the fan-out and a sweeper (or two sweepers) never both act on one attempt.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, db, GSI1, TABLE } from '#adapters/dynamodb';
import { organisationPk } from '#domain/keys';
import type { TenantContext } from '#domain/tenant';
import { TTL_ATTRIBUTE, ttlAt } from '#domain/ttl';
import {
  ATTEMPT_RETENTION_SECONDS,
  attemptFromItem,
  attemptItem,
  attemptPrefix,
  type DeliveryAttempt,
  type DeliveryJob,
  type DeliveryStatus,
  deliveryJobFromItem,
  deliveryJobId,
  deliveryJobItem,
  deliveryJobKey,
  deliveryQueuePk,
  deliveryQueueSk,
  MAX_WEBHOOKS_PER_ORGANISATION,
  WEBHOOK_SK_PREFIX,
  type Webhook,
  webhookCounterKey,
  webhookFromItem,
  webhookItem,
  webhookKey,
} from '#domain/webhook';
import { GUARD } from '#repositories/guards';
import { type Page, type PageRequest, tenantPage } from '#repositories/pages';
import { addUpdate, conditionFailed, type NamedItem, putNew, transact } from '#repositories/transactions';

// Endpoints.

/** The endpoint's item and its organisation's counter, refused (GUARD.webhookLimit) at the plan's limit. */
export function newWebhookItems(webhook: Webhook): NamedItem[] {
  return [
    { item: putNew(TABLE, webhookItem(webhook)), guard: GUARD.webhook },
    {
      item: {
        Update: {
          TableName: TABLE,
          Key: webhookCounterKey(webhook.organisationId),
          UpdateExpression: 'ADD #count :one',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':one': 1, ':max': MAX_WEBHOOKS_PER_ORGANISATION },
        },
      },
      guard: GUARD.webhookLimit,
    },
  ];
}

/** Replaces the endpoint, conditioned on it being as read (its updatedAt). */
export const replaceWebhookItem = (next: Webhook, seenUpdatedAt: string): NamedItem => ({
  item: {
    Put: {
      TableName: TABLE,
      Item: webhookItem(next),
      ConditionExpression: '#updatedAt = :seen',
      ExpressionAttributeNames: { '#updatedAt': 'updatedAt' },
      ExpressionAttributeValues: { ':seen': seenUpdatedAt },
    },
  },
  guard: GUARD.webhook,
});

export const deleteWebhookItems = (webhook: Webhook): NamedItem[] => [
  {
    item: {
      Delete: { TableName: TABLE, Key: webhookKey(webhook.organisationId, webhook.id), ConditionExpression: 'attribute_exists(pk)' },
    },
    guard: GUARD.webhook,
  },
  { item: addUpdate(TABLE, webhookCounterKey(webhook.organisationId), { count: -1 }) },
];

export async function findWebhook(
  organisationId: string,
  id: string,
  options: { consistent?: boolean } = {},
): Promise<Webhook | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: TABLE, Key: webhookKey(organisationId, id), ...(options.consistent ? { ConsistentRead: true } : {}) }),
  );
  return Item ? webhookFromItem(Item) : undefined;
}

/** Every endpoint of an organisation (at most 10: one Query). The id comes from a verified tenant or an event item. */
export async function organisationWebhooks(organisationId: string): Promise<Webhook[]> {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: TABLE,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': organisationPk(organisationId), ':prefix': WEBHOOK_SK_PREFIX },
    }),
  );
  return (Items ?? []).map(webhookFromItem);
}

export const tenantWebhooks = (tenant: TenantContext) => organisationWebhooks(tenant.organisationId);

// Jobs.

/** Writes the job unless it exists (a stream record delivered twice); false when it did. */
export async function putNewJob(job: DeliveryJob): Promise<boolean> {
  try {
    await transact([{ item: putNew(TABLE, deliveryJobItem(job)), guard: GUARD.deliveryJob }]);
    return true;
  } catch (error) {
    if (conditionFailed(error, GUARD.deliveryJob)) return false;
    throw error;
  }
}

/** The status of one event's jobs at the given endpoints (at most 10: one BatchGetItem), by endpoint id. */
export async function eventJobStatuses(
  organisationId: string,
  eventId: string,
  webhookIds: readonly string[],
): Promise<Map<string, DeliveryStatus>> {
  if (webhookIds.length === 0) return new Map();
  const items = await batchGet(
    webhookIds.map((webhookId) => deliveryJobKey(organisationId, webhookId, eventId)),
    { consistent: true },
  );
  return new Map(items.map(deliveryJobFromItem).map((job) => [job.webhookId, job.status]));
}

/** Up to `limit` PENDING jobs of one shard due at `now`, oldest first. */
export async function dueJobs(shard: number, now: string, limit: number): Promise<DeliveryJob[]> {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: TABLE,
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :due',
      ExpressionAttributeValues: { ':pk': deliveryQueuePk(shard), ':due': `${now}~` },
      Limit: limit,
    }),
  );
  return (Items ?? []).map(deliveryJobFromItem);
}

const jobCondition = (job: DeliveryJob) => ({
  ConditionExpression: '#status = :pending AND #attempts = :attempts AND #next = :seenNext',
  names: { '#status': 'status', '#attempts': 'attempts', '#next': 'nextAttemptAt' },
  values: { ':pending': 'PENDING', ':attempts': job.attempts, ':seenNext': job.nextAttemptAt },
});

/** Takes a due job: its next attempt moves `claimSeconds` ahead, so no other run takes it meanwhile. */
export async function claimJob(job: DeliveryJob, now: Date, claimSeconds: number): Promise<DeliveryJob | undefined> {
  const next = new Date(now.getTime() + claimSeconds * 1000).toISOString();
  const condition = jobCondition(job);
  const jobId = deliveryJobId(job.webhookId, job.eventId);
  try {
    await transact([
      {
        item: {
          Update: {
            TableName: TABLE,
            Key: deliveryJobKey(job.organisationId, job.webhookId, job.eventId),
            UpdateExpression: 'SET #next = :next, gsi1sk = :sk, updatedAt = :now',
            ConditionExpression: condition.ConditionExpression,
            ExpressionAttributeNames: condition.names,
            ExpressionAttributeValues: {
              ...condition.values,
              ':next': next,
              ':sk': deliveryQueueSk(next, jobId),
              ':now': now.toISOString(),
            },
          },
        },
        guard: GUARD.deliveryJob,
      },
    ]);
    return { ...job, nextAttemptAt: next };
  } catch (error) {
    if (conditionFailed(error, GUARD.deliveryJob)) return undefined;
    throw error;
  }
}

/**
 * The job after an attempt, as a transaction item: PENDING again at `nextAttemptAt`, or done (SUCCEEDED/FAILED, out
 * of the queue, TTL set), conditioned on the job being as claimed.
 */
export function jobOutcomeItem(
  job: DeliveryJob,
  outcome: { attempts: number; next?: string; status: 'PENDING' | 'SUCCEEDED' | 'FAILED' },
  now: Date,
): NamedItem {
  const condition = jobCondition(job);
  const key = deliveryJobKey(job.organisationId, job.webhookId, job.eventId);
  const jobId = deliveryJobId(job.webhookId, job.eventId);
  const base = { ...condition.values, ':attemptsNow': outcome.attempts, ':status': outcome.status, ':now': now.toISOString() };
  const update =
    outcome.status === 'PENDING' && outcome.next
      ? {
          UpdateExpression: 'SET #attempts = :attemptsNow, #status = :status, #next = :next, gsi1sk = :sk, updatedAt = :now',
          ExpressionAttributeValues: { ...base, ':next': outcome.next, ':sk': deliveryQueueSk(outcome.next, jobId) },
        }
      : {
          UpdateExpression: 'SET #attempts = :attemptsNow, #status = :status, updatedAt = :now, #ttl = :ttl REMOVE gsi1pk, gsi1sk',
          ExpressionAttributeValues: { ...base, ':ttl': Math.floor(now.getTime() / 1000 + ATTEMPT_RETENTION_SECONDS) },
        };
  return {
    item: {
      Update: {
        TableName: TABLE,
        Key: key,
        ConditionExpression: condition.ConditionExpression,
        ExpressionAttributeNames: { ...condition.names, ...(update.UpdateExpression.includes('#ttl') ? { '#ttl': TTL_ATTRIBUTE } : {}) },
        ...update,
      },
    },
    guard: GUARD.deliveryJob,
  };
}

/** A job that can never be attempted again (its endpoint gone or disabled): out of the queue. */
export async function dropJob(job: DeliveryJob, now: Date): Promise<void> {
  try {
    await transact([jobOutcomeItem(job, { attempts: job.attempts, status: 'FAILED' }, now)]);
  } catch (error) {
    if (!conditionFailed(error, GUARD.deliveryJob)) throw error;
  }
}

// Attempts.

export const attemptWrite = (attempt: DeliveryAttempt): NamedItem => ({
  item: putNew(TABLE, { ...attemptItem(attempt), ...ttlAt(Date.parse(attempt.at) / 1000 + ATTEMPT_RETENTION_SECONDS) }),
});

/** An endpoint's attempts, newest first. */
export const listAttempts = (tenant: TenantContext, webhookId: string, page: PageRequest): Promise<Page<DeliveryAttempt>> =>
  tenantPage(tenant, attemptPrefix(webhookId), page, attemptFromItem, { descending: true });
