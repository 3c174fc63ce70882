// Integration routes: the organisation's events and its webhook endpoints (docs/guide/webhooks.md).
import { route } from '#http/route';
import {
  createWebhookBody,
  deliveriesQuery,
  deliveryListResponse,
  eventListResponse,
  eventsQuery,
  rotateSecretResponse,
  testWebhookResponse,
  updateWebhookBody,
  webhookCreatedResponse,
  webhookListResponse,
  webhookParams,
  webhookView,
} from '#schemas/integrations';
import { organisationParams } from '#schemas/organisations';
import * as events from '#use-cases/events';
import * as webhooks from '#use-cases/webhooks';

export const listEvents = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/organisations/{id}/events',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  permission: 'events:read',
  tag: 'Integrations',
  summary:
    "The organisation's events (kept 30 days), newest first; with after=<event id>, the events after it, oldest first, for catching up; types= filters (comma-separated)",
  params: organisationParams,
  query: eventsQuery,
  access: { table: 'read' },
  responses: { 200: { description: 'A page of events', schema: eventListResponse } },
  problems: ['invalid-cursor'],
  handle: async ({ query }, tenant) => ({ status: 200, body: await events.listOrganisationEvents(tenant, query) }),
});

export const createWebhook = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/organisations/{id}/webhooks',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'webhooks:manage',
  tag: 'Integrations',
  summary:
    'Register an endpoint for some event types: https on port 443 to a public host only (checked now and on every delivery); answers its signing secret, once; at most 10 per organisation',
  params: organisationParams,
  body: createWebhookBody,
  access: { table: 'readWrite' },
  responses: { 201: { description: 'Registered; keep the secret, it is never shown again', schema: webhookCreatedResponse } },
  problems: ['webhook-limit-reached'],
  handle: async ({ body }, tenant) => ({ status: 201, body: await webhooks.createWebhook(tenant, body) }),
});

export const listWebhooks = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/organisations/{id}/webhooks',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  permission: 'webhooks:manage',
  tag: 'Integrations',
  summary: "The organisation's webhook endpoints (never their secrets), oldest first",
  params: organisationParams,
  access: { table: 'read' },
  responses: { 200: { description: 'Every endpoint', schema: webhookListResponse } },
  handle: async (_input, tenant) => ({ status: 200, body: await webhooks.listWebhooks(tenant) }),
});

export const getWebhook = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/organisations/{id}/webhooks/{webhookId}',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  permission: 'webhooks:manage',
  tag: 'Integrations',
  summary: 'One webhook endpoint (never its secret)',
  params: webhookParams,
  access: { table: 'read' },
  responses: { 200: { description: 'The endpoint', schema: webhookView } },
  problems: ['webhook-not-found'],
  handle: async ({ params }, tenant) => ({ status: 200, body: await webhooks.getWebhook(tenant, params.webhookId) }),
});

export const updateWebhook = /* @__PURE__ */ route({
  method: 'PATCH',
  path: '/api/organisations/{id}/webhooks/{webhookId}',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'webhooks:manage',
  tag: 'Integrations',
  summary: "Change an endpoint's URL (checked again), event types or description, or enable (after it was disabled) or disable it",
  params: webhookParams,
  body: updateWebhookBody,
  access: { table: 'readWrite' },
  responses: { 200: { description: 'Changed', schema: webhookView } },
  problems: ['webhook-not-found', 'webhook-changed'],
  handle: async ({ params, body }, tenant) => ({ status: 200, body: await webhooks.updateWebhook(tenant, params.webhookId, body) }),
});

export const deleteWebhook = /* @__PURE__ */ route({
  method: 'DELETE',
  path: '/api/organisations/{id}/webhooks/{webhookId}',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'webhooks:manage',
  tag: 'Integrations',
  summary: 'Delete an endpoint: its pending deliveries are dropped',
  params: webhookParams,
  access: { table: 'readWrite' },
  responses: { 204: { description: 'Deleted' } },
  problems: ['webhook-not-found'],
  handle: async ({ params }, tenant) => {
    await webhooks.deleteWebhook(tenant, params.webhookId);
    return { status: 204 };
  },
});

export const rotateWebhookSecret = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/organisations/{id}/webhooks/{webhookId}/rotate-secret',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'webhooks:manage',
  tag: 'Integrations',
  summary: 'Replace the signing secret (answered once); the previous one keeps signing beside it for 24 h (two v1 signatures)',
  params: webhookParams,
  access: { table: 'readWrite' },
  responses: { 200: { description: 'The new secret', schema: rotateSecretResponse } },
  problems: ['webhook-not-found', 'webhook-changed'],
  handle: async ({ params }, tenant) => ({ status: 200, body: await webhooks.rotateWebhookSecret(tenant, params.webhookId) }),
});

export const listWebhookDeliveries = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/organisations/{id}/webhooks/{webhookId}/deliveries',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  permission: 'webhooks:manage',
  tag: 'Integrations',
  summary: "The endpoint's delivery attempts, newest first (event id, status code, duration, next retry), kept 30 days",
  params: webhookParams,
  query: deliveriesQuery,
  access: { table: 'read' },
  responses: { 200: { description: 'A page of attempts', schema: deliveryListResponse } },
  problems: ['webhook-not-found', 'invalid-cursor'],
  handle: async ({ params, query }, tenant) => ({
    status: 200,
    body: await webhooks.listWebhookDeliveries(tenant, params.webhookId, query),
  }),
});

export const testWebhook = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/organisations/{id}/webhooks/{webhookId}/test',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'webhooks:manage',
  tag: 'Integrations',
  summary:
    'Queue a signed webhook.test delivery to this endpoint alone (one attempt, no retry, within seconds); its outcome is in …/deliveries',
  params: webhookParams,
  access: { table: 'readWrite' },
  responses: { 202: { description: 'Attempted', schema: testWebhookResponse } },
  problems: ['webhook-not-found'],
  handle: async ({ params }, tenant) => ({ status: 202, body: await webhooks.testWebhook(tenant, params.webhookId) }),
});
