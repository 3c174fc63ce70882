// Delivering webhooks, at least once. The fan-out (fan-out.ts) writes one job per subscribed endpoint and event
// (idempotent: a stream record seen twice finds its job) and makes the first attempt at once; a failure leaves the
// job PENDING at its next attempt time (domain/webhook.ts nextAttemptAt: backoff with jitter, compressed locally).
// The fan-out makes the first retry itself at that time (about 5 s: attemptWithFirstRetry); the sweeper (sweeper.ts)
// takes the later ones, and any the fan-out could not make. Each attempt is recorded (GET …/deliveries) in the same transaction as the
// job's new state. After the last failure the endpoint is disabled, audited (and so an event), and the
// organisation's webhook managers are e-mailed through the outbox, in that same transaction.
// Log lines carry ids and outcomes, never a secret, a URL's query or a receiver's answer.
import { newUlid } from '#core/ids';
import { logger } from '#core/logger';
import { allowLoopbackHttp, retrySchedule, webhookConfig } from '#core/webhook-config';
import { auditEntry } from '#domain/audit';
import { organisationPk } from '#domain/keys';
import {
  DELIVERY_QUEUE_SHARDS,
  type DeliveryJob,
  inlineRetryWait,
  isSuccess,
  MAX_DELIVERY_ATTEMPTS,
  nextAttemptAt,
  signatureHeader,
  signingSecrets,
  type Webhook,
} from '#domain/webhook';
import { newMailJob } from '#mail/delivery';
import { auditWrite } from '#repositories/audit';
import { GUARD } from '#repositories/guards';
import { getOrganisation } from '#repositories/organisations';
import { conditionFailed, type NamedItem, transact } from '#repositories/transactions';
import { type SendResult, send } from './sender.ts';
import { attemptWrite, claimJob, dropJob, dueJobs, findWebhook, jobOutcomeItem, replaceWebhookItem } from './store.ts';

/** What an attempt's failure says (Cabinet's words: never the receiver's body). */
function failureOf(result: SendResult): string | undefined {
  if (result.kind === 'answered') return isSuccess(result.statusCode) ? undefined : `answered ${result.statusCode}`;
  if (result.kind === 'refused')
    return `refused: ${result.reason === 'address' ? 'the host resolves to a non-public address' : `url rule (${result.reason})`}`;
  return result.reason === 'timeout'
    ? 'no answer within 10 s'
    : result.reason === 'dns'
      ? 'the host does not resolve'
      : 'connection failed';
}

/** The headers and body of one attempt, signed with every live secret. */
export function signedRequest(webhook: Webhook, job: DeliveryJob, now: Date) {
  const body = JSON.stringify(job.payload);
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    body,
    headers: {
      'webhook-id': job.eventId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(signingSecrets(webhook.secrets, now), job.eventId, timestamp, body),
    },
  };
}

/** The endpoint disabled after its last failure: its item, its audit entry (→ webhook.disabled) and the managers' mail. */
async function disableItems(webhook: Webhook, now: Date, attempts: number): Promise<NamedItem[]> {
  const at = now.toISOString();
  const organisation = await getOrganisation(webhook.organisationId);
  const mail = newMailJob(
    {
      ownerPk: organisationPk(webhook.organisationId),
      template: 'webhook.disabled',
      audience: { kind: 'members', organisationId: webhook.organisationId, permission: 'webhooks:manage' },
      params: { organisationName: organisation?.nom ?? '', url: new URL(webhook.url).origin, attempts: String(attempts) },
    },
    now,
    { queued: true },
  );
  return [
    replaceWebhookItem(
      { ...webhook, status: 'DISABLED', disabledAt: at, disabledReason: `${attempts} failed delivery attempts`, updatedAt: at },
      webhook.updatedAt,
    ),
    auditWrite(
      auditEntry({
        organisationId: webhook.organisationId,
        action: 'webhook.disabled',
        actorId: 'system',
        target: webhook.id,
        details: { webhookId: webhook.id, attempts },
        at,
      }),
    ),
    mail.item,
  ];
}

/** What an attempt came to; a retry carries the job as it now stands (PENDING at its next attempt). */
export type AttemptOutcome = { outcome: 'succeeded' | 'failed' | 'dropped' } | { outcome: 'retry'; job: DeliveryJob };

/**
 * One attempt of a job its caller holds (just written by the fan-out, or claimed by the sweeper). Returns the
 * outcome, or undefined when another run changed the job meanwhile (its attempt is then not recorded twice).
 */
export async function attempt(job: DeliveryJob, clock: () => Date = () => new Date()): Promise<AttemptOutcome | undefined> {
  const webhook = await findWebhook(job.organisationId, job.webhookId, { consistent: true });
  if (!webhook || (webhook.status !== 'ENABLED' && job.payload.type !== 'webhook.test')) {
    await dropJob(job, clock());
    return { outcome: 'dropped' };
  }
  const started = clock();
  const { body, headers } = signedRequest(webhook, job, started);
  const result = await send(webhook.url, headers, body, { allowLoopbackHttp: allowLoopbackHttp() });
  const now = clock();
  const number = job.attempts + 1;
  const error = failureOf(result);
  const next = error && job.payload.type !== 'webhook.test' ? nextAttemptAt(number, now, retrySchedule()) : undefined;
  const status = !error ? 'SUCCEEDED' : next ? 'PENDING' : 'FAILED';
  const items: NamedItem[] = [
    jobOutcomeItem(job, { attempts: number, status, ...(next ? { next: next.toISOString() } : {}) }, now),
    attemptWrite({
      id: newUlid(now.getTime()),
      organisationId: job.organisationId,
      webhookId: job.webhookId,
      eventId: job.eventId,
      eventType: job.payload.type,
      attempt: number,
      statusCode: result.kind === 'answered' ? result.statusCode : null,
      durationMs: result.durationMs,
      outcome: error ? 'failed' : 'succeeded',
      ...(error ? { error } : {}),
      at: now.toISOString(),
      nextAttemptAt: next ? next.toISOString() : null,
    }),
  ];
  const disabling = status === 'FAILED' && job.payload.type !== 'webhook.test' && number >= MAX_DELIVERY_ATTEMPTS;
  if (disabling) items.push(...(await disableItems(webhook, now, number)));
  try {
    await transact(items);
  } catch (cause) {
    // Another run moved the job (or changed the endpoint) meanwhile: its own attempt is what counts.
    if (conditionFailed(cause, GUARD.deliveryJob, GUARD.webhook)) return undefined;
    throw cause;
  }
  logger.info('webhook attempt', {
    webhookId: job.webhookId,
    eventId: job.eventId,
    attempt: number,
    outcome: error ? 'failed' : 'succeeded',
    statusCode: result.kind === 'answered' ? result.statusCode : undefined,
    ...(disabling ? { disabled: true } : {}),
  });
  if (!error) return { outcome: 'succeeded' };
  if (!next) return { outcome: 'failed' };
  return {
    outcome: 'retry',
    job: { ...job, attempts: number, status: 'PENDING', nextAttemptAt: next.toISOString(), updatedAt: now.toISOString() },
  };
}

/**
 * The fan-out's delivery of a job it just wrote: the first attempt, and, when it fails, the first retry at its due
 * time (about 5 s later) if the invocation has the time (domain/webhook.ts inlineRetryWait) — the sweeper, once a
 * minute deployed, would make it a minute late. The retry claims the job first, as the sweeper does, so the two
 * never both make it; whatever this run does not do stays in the due-time index for the sweeper.
 */
export async function attemptWithFirstRetry(
  job: DeliveryJob,
  remainingMs: () => number,
  clock: () => Date = () => new Date(),
): Promise<AttemptOutcome | undefined> {
  const first = await attempt(job, clock);
  if (first?.outcome !== 'retry') return first;
  const wait = inlineRetryWait(first.job.attempts, new Date(first.job.nextAttemptAt), clock(), remainingMs());
  if (wait === undefined) return first;
  await new Promise((resolve) => setTimeout(resolve, wait));
  const claimed = await claimJob(first.job, clock(), webhookConfig.WEBHOOK_CLAIM_SECONDS);
  return claimed ? attempt(claimed, clock) : first;
}

const SWEEP_BATCH = 25;

/** One run of the sweeper: every due job of every shard, claimed then attempted, a few at a time. */
export async function sweepDeliveries(now: Date = new Date()): Promise<{ attempted: number }> {
  let attempted = 0;
  for (let shard = 0; shard < DELIVERY_QUEUE_SHARDS; shard++) {
    const due = await dueJobs(shard, now.toISOString(), SWEEP_BATCH);
    await Promise.all(
      due.map(async (job) => {
        const claimed = await claimJob(job, now, webhookConfig.WEBHOOK_CLAIM_SECONDS);
        if (!claimed) return;
        attempted++;
        await attempt(claimed);
      }),
    );
  }
  return { attempted };
}
