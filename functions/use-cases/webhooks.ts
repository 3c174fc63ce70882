// Webhook endpoints as the API manages them: registration (the URL checked by the SSRF guard, the secret shown once),
// listing, changes, deletion, secret rotation (the previous secret signs beside the new one for 24 h), the attempts,
// and a test delivery. Each change is one transaction with its audit entry (and so its event), re-checking the actor.
import { newId, newUlid, nowIso } from '#core/ids';
import { allowLoopbackHttp } from '#core/webhook-config';
import type { EventType } from '#domain/events';
import { deliveryTarget, URL_RULE } from '#domain/outbound-address';
import * as refusals from '#domain/refusals';
import type { TenantContext } from '#domain/tenant';
import {
  type DeliveryAttempt,
  MAX_WEBHOOKS_PER_ORGANISATION,
  newWebhookSecret,
  PREVIOUS_SECRET_SECONDS,
  type Webhook,
} from '#domain/webhook';
import { transactAs } from '#repositories/actor';
import { auditRecord } from '#repositories/audit';
import { GUARD } from '#repositories/guards';
import { conditionFailed } from '#repositories/transactions';
import type { createWebhookBody, updateWebhookBody } from '#schemas/integrations';
import type { Infer } from '#schemas/lazy';
import { publicAddress } from '#webhooks/sender';
import {
  deleteWebhookItems,
  findWebhook,
  listAttempts,
  newWebhookItems,
  putNewJob,
  replaceWebhookItem,
  tenantWebhooks,
} from '#webhooks/store';

/** What an answer shows of an endpoint: never a secret. */
export const webhookView = (webhook: Webhook) => ({
  id: webhook.id,
  url: webhook.url,
  eventTypes: webhook.eventTypes,
  ...(webhook.description ? { description: webhook.description } : {}),
  status: webhook.status,
  ...(webhook.disabledAt ? { disabledAt: webhook.disabledAt } : {}),
  ...(webhook.disabledReason ? { disabledReason: webhook.disabledReason } : {}),
  ...(webhook.secrets.previousExpiresAt && Date.parse(webhook.secrets.previousExpiresAt) > Date.now()
    ? { previousSecretExpiresAt: webhook.secrets.previousExpiresAt }
    : {}),
  createdAt: webhook.createdAt,
  updatedAt: webhook.updatedAt,
});

export const attemptView = (attempt: DeliveryAttempt) => ({
  id: attempt.id,
  eventId: attempt.eventId,
  eventType: attempt.eventType,
  attempt: attempt.attempt,
  statusCode: attempt.statusCode,
  durationMs: attempt.durationMs,
  outcome: attempt.outcome,
  ...(attempt.error ? { error: attempt.error } : {}),
  at: attempt.at,
  nextAttemptAt: attempt.nextAttemptAt,
});

/** The SSRF guard at registration: the URL's rules, then its host's addresses (checked again on every delivery). */
async function checkedUrl(url: string): Promise<string> {
  const target = deliveryTarget(url, { allowLoopbackHttp: allowLoopbackHttp() });
  if (typeof target === 'string')
    throw refusals.validationError([{ path: 'url', message: URL_RULE[target] }], 'The webhook URL is not allowed.');
  const resolved = await publicAddress(target);
  if (resolved === 'address')
    throw refusals.validationError([{ path: 'url', message: URL_RULE.address }], 'The webhook URL is not allowed.');
  if (resolved === 'dns')
    throw refusals.validationError([{ path: 'url', message: 'url must name a host that resolves' }], 'The webhook URL is not allowed.');
  return target.url.toString();
}

const audit = (tenant: TenantContext, action: string, webhookId: string, details: Record<string, unknown> = {}) =>
  auditRecord({
    organisationId: tenant.organisationId,
    action,
    actorId: tenant.userId,
    target: webhookId,
    details: { webhookId, ...details },
  });

export async function createWebhook(tenant: TenantContext, body: Infer<typeof createWebhookBody>) {
  const url = await checkedUrl(body.url);
  const now = nowIso();
  const webhook: Webhook = {
    id: newId(),
    organisationId: tenant.organisationId,
    url,
    eventTypes: body.eventTypes as EventType[],
    ...(body.description ? { description: body.description } : {}),
    status: 'ENABLED',
    secrets: { current: newWebhookSecret() },
    createdAt: now,
    updatedAt: now,
  };
  try {
    await transactAs(tenant, [
      ...newWebhookItems(webhook),
      audit(tenant, 'webhook.created', webhook.id, { eventTypes: webhook.eventTypes }),
    ]);
  } catch (error) {
    if (conditionFailed(error, GUARD.webhookLimit)) {
      throw refusals.webhookLimitReached(MAX_WEBHOOKS_PER_ORGANISATION, { cause: error });
    }
    throw error;
  }
  return { ...webhookView(webhook), secret: webhook.secrets.current };
}

export async function listWebhooks(tenant: TenantContext) {
  const webhooks = await tenantWebhooks(tenant);
  return { items: webhooks.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map(webhookView) };
}

async function ownWebhook(tenant: TenantContext, id: string): Promise<Webhook> {
  const webhook = await findWebhook(tenant.organisationId, id, { consistent: true });
  if (!webhook) throw refusals.webhookNotFound();
  return webhook;
}

export const getWebhook = async (tenant: TenantContext, id: string) => webhookView(await ownWebhook(tenant, id));

async function replace(tenant: TenantContext, current: Webhook, next: Webhook, action: string, details: Record<string, unknown>) {
  try {
    await transactAs(tenant, [replaceWebhookItem(next, current.updatedAt), audit(tenant, action, current.id, details)]);
  } catch (error) {
    if (conditionFailed(error, GUARD.webhook)) {
      throw refusals.webhookChanged({ cause: error });
    }
    throw error;
  }
}

export async function updateWebhook(tenant: TenantContext, id: string, body: Infer<typeof updateWebhookBody>) {
  const current = await ownWebhook(tenant, id);
  const url = body.url !== undefined ? await checkedUrl(body.url) : current.url;
  const next: Webhook = {
    ...current,
    url,
    eventTypes: (body.eventTypes as EventType[] | undefined) ?? current.eventTypes,
    updatedAt: nowIso(),
  };
  if (body.description === null || body.description === '') delete next.description;
  else if (body.description !== undefined) next.description = body.description;
  if (body.enabled === true) {
    next.status = 'ENABLED';
    delete next.disabledAt;
    delete next.disabledReason;
  } else if (body.enabled === false) {
    next.status = 'DISABLED';
    next.disabledAt = next.updatedAt;
    next.disabledReason = 'disabled by a member';
  }
  const changes = Object.keys(body).sort();
  await replace(tenant, current, next, 'webhook.updated', { changes });
  return webhookView(next);
}

export async function deleteWebhook(tenant: TenantContext, id: string): Promise<void> {
  const current = await ownWebhook(tenant, id);
  try {
    await transactAs(tenant, [...deleteWebhookItems(current), audit(tenant, 'webhook.deleted', id)]);
  } catch (error) {
    if (conditionFailed(error, GUARD.webhook)) throw refusals.webhookNotFound();
    throw error;
  }
}

export async function rotateWebhookSecret(tenant: TenantContext, id: string) {
  const current = await ownWebhook(tenant, id);
  const now = new Date();
  const previousSecretExpiresAt = new Date(now.getTime() + PREVIOUS_SECRET_SECONDS * 1000).toISOString();
  const next: Webhook = {
    ...current,
    secrets: { current: newWebhookSecret(), previous: current.secrets.current, previousExpiresAt: previousSecretExpiresAt },
    updatedAt: now.toISOString(),
  };
  await replace(tenant, current, next, 'webhook.secret-rotated', {});
  return { secret: next.secrets.current, previousSecretExpiresAt };
}

export async function listWebhookDeliveries(tenant: TenantContext, id: string, page: { limit: number; cursor?: string | undefined }) {
  await ownWebhook(tenant, id);
  const { items, nextCursor } = await listAttempts(tenant, id, page);
  return { items: items.map(attemptView), nextCursor };
}

/**
 * A `webhook.test` delivery to this endpoint alone (enabled or not): a job due at once, which the sweeper attempts
 * once (the request does not wait up to 10 s for a receiver); its outcome is then in GET …/deliveries. Not an event of
 * the organisation (nothing changed), so never in GET …/events.
 */
export async function testWebhook(tenant: TenantContext, id: string) {
  const webhook = await ownWebhook(tenant, id);
  const now = new Date();
  const eventId = newUlid(now.getTime());
  const job = {
    organisationId: tenant.organisationId,
    webhookId: webhook.id,
    eventId,
    payload: {
      type: 'webhook.test' as const,
      timestamp: now.toISOString(),
      id: eventId,
      organisationId: tenant.organisationId,
      data: { actorId: tenant.userId, webhookId: webhook.id },
    },
    status: 'PENDING' as const,
    attempts: 0,
    nextAttemptAt: now.toISOString(),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  await putNewJob(job);
  return { eventId };
}
