// Request and response schemas of the integration routes: the organisation's events and its webhook endpoints.
import * as z from 'zod/mini';
import { EVENT_TYPES, type EventData, type EventType } from '#domain/events';
import { MAX_WEBHOOK_URL_LENGTH } from '#domain/webhook';
import { pageQuery, resourceId, text } from './common.ts';
import { lazy } from './lazy.ts';
import { type AreaExamples, CLAIRE, INVITATION, MARTIN, MARTIN_ORG, OPS, one, PATIENT, PAUL } from './walkthrough.ts';

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

// The OpenAPI examples of the integration routes (functions/routes/integrations.ts) and of the webhook payloads:
// called by the OpenAPI document alone.
const WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5OG7sXsDnkc=';
const WEBHOOK_SECRET_2 = 'whsec_Zk2n4p6r8t0v2x4z6B8D0F2H4J6L8N0P2R4T6V8X0Z0=';
const webhookExample = {
  id: '3f9a1c2e-7b4d-4e6f-9a8b-1c2d3e4f5a6b',
  url: 'https://agenda.example.com/hooks/cabinet',
  eventTypes: ['patient.created', 'patient.updated', 'member.added', 'member.removed'],
  description: 'Agenda sync',
  status: 'ENABLED',
  createdAt: '2026-11-23T03:10:00.000Z',
  updatedAt: '2026-11-23T03:10:00.000Z',
};

const WEBHOOK = '3f9a1c2e-7b4d-4e6f-9a8b-1c2d3e4f5a6b';

/** What each event type's data holds in the walkthroughs' organisation (ids and field names only). */
const EVENT_DATA: Readonly<Record<EventType, EventData>> = {
  'member.added': { actorId: MARTIN, userId: CLAIRE },
  'member.removed': { actorId: MARTIN, userId: CLAIRE },
  'member.role_changed': { actorId: MARTIN, userId: CLAIRE, changes: ['role'] },
  'member.suspended': { actorId: MARTIN, userId: CLAIRE, changes: ['status'] },
  'member.reactivated': { actorId: MARTIN, userId: CLAIRE, changes: ['status'] },
  'invitation.created': { actorId: MARTIN, invitationId: INVITATION },
  'invitation.accepted': { actorId: CLAIRE, invitationId: INVITATION },
  'invitation.declined': { actorId: CLAIRE, invitationId: INVITATION },
  'invitation.revoked': { actorId: MARTIN, invitationId: INVITATION },
  'join_request.created': { actorId: PAUL, userId: PAUL },
  'join_request.approved': { actorId: MARTIN, userId: PAUL },
  'join_request.rejected': { actorId: MARTIN, userId: PAUL },
  'join_request.withdrawn': { actorId: PAUL, userId: PAUL },
  'organisation.created': { actorId: MARTIN },
  'organisation.updated': { actorId: MARTIN, changes: ['description', 'phone'] },
  'organisation.suspended': { actorId: OPS, changes: ['status'] },
  'organisation.reactivated': { actorId: OPS, changes: ['status'] },
  'organisation.deleted': { actorId: MARTIN },
  'role.created': { actorId: MARTIN, roleName: 'SECRETARIAT' },
  'role.updated': { actorId: MARTIN, roleName: 'SECRETARIAT', changes: ['permissions'] },
  'role.deleted': { actorId: MARTIN, roleName: 'SECRETARIAT' },
  'join_code.rotated': { actorId: MARTIN, changes: ['code'] },
  'join_code.updated': { actorId: MARTIN, changes: ['defaultRole', 'requiresApproval'] },
  'support_access.granted': { actorId: MARTIN },
  'support_access.revoked': { actorId: MARTIN },
  'support_access.used': { actorId: OPS },
  'patient.created': { actorId: MARTIN, patientId: PATIENT },
  'patient.updated': { actorId: MARTIN, patientId: PATIENT, changes: ['telephone'] },
  'patient.deleted': { actorId: MARTIN, patientId: PATIENT },
  'webhook.created': { actorId: MARTIN, webhookId: WEBHOOK },
  'webhook.updated': { actorId: MARTIN, webhookId: WEBHOOK, changes: ['eventTypes'] },
  'webhook.deleted': { actorId: MARTIN, webhookId: WEBHOOK },
  'webhook.secret_rotated': { actorId: MARTIN, webhookId: WEBHOOK, changes: ['secret'] },
  'webhook.disabled': { actorId: 'system', webhookId: WEBHOOK, changes: ['status'] },
  'webhook.test': { actorId: MARTIN, webhookId: WEBHOOK },
};

/** A delivery's body for `type`, as the OpenAPI document's `webhooks` shows it. */
export const webhookPayloadExample = (type: EventType) => ({
  type,
  timestamp: '2026-11-23T03:12:08.511Z',
  id: '01KBX5Q3T8M2V6R9C4D7F0H1JN',
  organisationId: MARTIN_ORG,
  data: EVENT_DATA[type],
});

export const integrationsExamples = (): AreaExamples => ({
  listEvents: {
    responses: {
      200: one('Newest first', {
        items: [
          {
            id: '01KBX5Q3T8M2V6R9C4D7F0H1JN',
            type: 'patient.updated',
            organisationId: MARTIN_ORG,
            occurredAt: '2026-11-23T03:12:08.511Z',
            data: { actorId: MARTIN, patientId: PATIENT, changes: ['telephone'] },
          },
          {
            id: '01KBX5J0W4N8Q2S6V9Y3B5D7FG',
            type: 'join_request.approved',
            organisationId: MARTIN_ORG,
            occurredAt: '2026-11-23T03:09:34.237Z',
            data: { actorId: MARTIN, userId: PAUL },
          },
        ],
        nextCursor: null,
      }),
    },
  },
  createWebhook: {
    request: one('Patients and members, to the agenda system', {
      url: 'https://agenda.example.com/hooks/cabinet',
      eventTypes: ['patient.created', 'patient.updated', 'member.added', 'member.removed'],
      description: 'Agenda sync',
    }),
    responses: { 201: one('Registered: the secret is shown this once', { ...webhookExample, secret: WEBHOOK_SECRET }) },
  },
  listWebhooks: { responses: { 200: one('One endpoint', { items: [webhookExample] }) } },
  getWebhook: { responses: { 200: one('The endpoint', webhookExample) } },
  updateWebhook: {
    request: one('Enable it again after the receiver is back', { enabled: true }),
    responses: { 200: one('Enabled', { ...webhookExample, updatedAt: '2026-11-24T08:00:00.000Z' }) },
  },
  deleteWebhook: {},
  rotateWebhookSecret: {
    responses: {
      200: one('The new secret; the previous one signs 24 h more', {
        secret: WEBHOOK_SECRET_2,
        previousSecretExpiresAt: '2026-11-25T08:00:00.000Z',
      }),
    },
  },
  listWebhookDeliveries: {
    responses: {
      200: one('A retry after a 503', {
        items: [
          {
            id: '01KBX5R7A2C4E6G8J0K2M4P6R8',
            eventId: '01KBX5Q3T8M2V6R9C4D7F0H1JN',
            eventType: 'patient.updated',
            attempt: 2,
            statusCode: 200,
            durationMs: 142,
            outcome: 'succeeded',
            at: '2026-11-23T03:12:14.020Z',
            nextAttemptAt: null,
          },
          {
            id: '01KBX5Q4B1D3F5H7K9M1P3R5T7',
            eventId: '01KBX5Q3T8M2V6R9C4D7F0H1JN',
            eventType: 'patient.updated',
            attempt: 1,
            statusCode: 503,
            durationMs: 87,
            outcome: 'failed',
            error: 'answered 503',
            at: '2026-11-23T03:12:08.700Z',
            nextAttemptAt: '2026-11-23T03:12:13.900Z',
          },
        ],
        nextCursor: null,
      }),
    },
  },
  testWebhook: { responses: { 202: one('Attempted', { eventId: '01KBX6A0B2C4D6E8F0G2H4J6K8' }) } },
});
