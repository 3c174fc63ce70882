// Request and response schemas of the integration routes: the organisation's events and its webhook endpoints.
import * as z from 'zod/mini';
import { EVENT_TYPES, type EventType } from '#domain/events';
import { MAX_WEBHOOK_URL_LENGTH } from '#domain/webhook';
import { pageQuery, resourceId, text } from './common.ts';
import { lazy } from './lazy.ts';

const eventType = () => z.enum(EVENT_TYPES as [EventType, ...EventType[]], 'Unknown event type');
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const eventsQuery = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    ...pageQuery().shape,
    after: z.optional(z.string().check(z.regex(ULID, 'after must be an event id'))),
    /** Comma-separated event types (the use case checks each against the catalogue). */
    types: z.optional(z.string().check(z.regex(/^[a-z_.]{1,40}(,[a-z_.]{1,40}){0,29}$/, 'types must be comma-separated event types'))),
  }),
);

export const eventData = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    actorId: z.optional(z.string()),
    userId: z.optional(z.string()),
    invitationId: z.optional(z.string()),
    roleName: z.optional(z.string()),
    patientId: z.optional(z.string()),
    webhookId: z.optional(z.string()),
    changes: z.optional(z.array(z.string())),
    via: z.optional(z.string()),
  }),
);

export const eventView = /* @__PURE__ */ lazy(() =>
  z.strictObject({ id: z.string(), type: eventType(), organisationId: z.string(), occurredAt: z.string(), data: eventData() }),
);

export const eventListResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ items: z.array(eventView()), nextCursor: z.nullable(z.string()) }),
);

/** A webhook's payload (the body of a delivery): Standard Webhooks' `{ type, timestamp, data }` plus the event's ids. */
export const webhookPayload = /* @__PURE__ */ lazy(() =>
  z.strictObject({ type: eventType(), timestamp: z.string(), id: z.string(), organisationId: z.string(), data: eventData() }),
);

export const webhookParams = /* @__PURE__ */ lazy(() => z.strictObject({ id: resourceId(), webhookId: resourceId() }));

const webhookUrl = () =>
  z
    .string()
    .check(
      z.minLength(1, 'url is required'),
      z.maxLength(MAX_WEBHOOK_URL_LENGTH, `url must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`),
    );

const eventTypes = () =>
  z.array(eventType()).check(
    z.minLength(1, 'At least one event type is required'),
    z.refine((list) => new Set(list).size === list.length, 'Event types must not repeat'),
  );

const description = () => text('Description', { max: 200 });

export const createWebhookBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({ url: webhookUrl(), eventTypes: eventTypes(), description: z.optional(description()) }),
);

export const updateWebhookBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      url: z.optional(webhookUrl()),
      eventTypes: z.optional(eventTypes()),
      description: z.optional(z.nullable(description())),
      enabled: z.optional(z.boolean()),
    })
    .check(
      z.refine(
        (body) => body.url !== undefined || body.eventTypes !== undefined || body.description !== undefined || body.enabled !== undefined,
        'Give url, eventTypes, description and/or enabled',
      ),
    ),
);

export const webhookView = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    id: z.string(),
    url: z.string(),
    eventTypes: z.array(eventType()),
    description: z.optional(z.string()),
    status: z.enum(['ENABLED', 'DISABLED']),
    disabledAt: z.optional(z.string()),
    disabledReason: z.optional(z.string()),
    /** Until when the previous secret still signs beside the current one (after a rotation). */
    previousSecretExpiresAt: z.optional(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

export const webhookCreatedResponse = /* @__PURE__ */ lazy(() => z.extend(webhookView(), { secret: z.string() }));

export const webhookListResponse = /* @__PURE__ */ lazy(() => z.strictObject({ items: z.array(webhookView()) }));

export const rotateSecretResponse = /* @__PURE__ */ lazy(() => z.strictObject({ secret: z.string(), previousSecretExpiresAt: z.string() }));

export const deliveriesQuery = pageQuery;

export const deliveryView = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    id: z.string(),
    eventId: z.string(),
    eventType: eventType(),
    attempt: z.number(),
    /** The receiver's status code; null when no answer came (refused address, connection error, timeout). */
    statusCode: z.nullable(z.number()),
    durationMs: z.number(),
    outcome: z.enum(['succeeded', 'failed']),
    /** Why it failed, in Cabinet's words (never the receiver's body). */
    error: z.optional(z.string()),
    at: z.string(),
    /** When the next attempt is due; null after a success or the last attempt. */
    nextAttemptAt: z.nullable(z.string()),
  }),
);

export const deliveryListResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ items: z.array(deliveryView()), nextCursor: z.nullable(z.string()) }),
);

export const testWebhookResponse = /* @__PURE__ */ lazy(() => z.strictObject({ eventId: z.string() }));
