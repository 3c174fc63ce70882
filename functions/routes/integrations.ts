// Integration routes: the organisation's events and its webhook endpoints (docs/guide/webhooks.md).
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
import type { RouteDef } from './types.ts';

export const listEvents = {
  method: 'GET',
  path: '/api/organisations/{id}/events',
  handler: 'integrations/list-events',
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
} as const satisfies RouteDef;

export const createWebhook = {
  method: 'POST',
  path: '/api/organisations/{id}/webhooks',
  handler: 'integrations/create-webhook',
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
} as const satisfies RouteDef;

export const listWebhooks = {
  method: 'GET',
  path: '/api/organisations/{id}/webhooks',
  handler: 'integrations/list-webhooks',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  permission: 'webhooks:manage',
  tag: 'Integrations',
  summary: "The organisation's webhook endpoints (never their secrets), oldest first",
  params: organisationParams,
  access: { table: 'read' },
  responses: { 200: { description: 'Every endpoint', schema: webhookListResponse } },
} as const satisfies RouteDef;

export const getWebhook = {
  method: 'GET',
  path: '/api/organisations/{id}/webhooks/{webhookId}',
  handler: 'integrations/get-webhook',
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
} as const satisfies RouteDef;

export const updateWebhook = {
  method: 'PATCH',
  path: '/api/organisations/{id}/webhooks/{webhookId}',
  handler: 'integrations/update-webhook',
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
} as const satisfies RouteDef;

export const deleteWebhook = {
  method: 'DELETE',
  path: '/api/organisations/{id}/webhooks/{webhookId}',
  handler: 'integrations/delete-webhook',
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
} as const satisfies RouteDef;

export const rotateWebhookSecret = {
  method: 'POST',
  path: '/api/organisations/{id}/webhooks/{webhookId}/rotate-secret',
  handler: 'integrations/rotate-webhook-secret',
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
} as const satisfies RouteDef;

export const listWebhookDeliveries = {
  method: 'GET',
  path: '/api/organisations/{id}/webhooks/{webhookId}/deliveries',
  handler: 'integrations/list-webhook-deliveries',
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
} as const satisfies RouteDef;

export const testWebhook = {
  method: 'POST',
  path: '/api/organisations/{id}/webhooks/{webhookId}/test',
  handler: 'integrations/test-webhook',
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
} as const satisfies RouteDef;

export const integrationsRoutes = {
  listEvents,
  createWebhook,
  listWebhooks,
  getWebhook,
  updateWebhook,
  deleteWebhook,
  rotateWebhookSecret,
  listWebhookDeliveries,
  testWebhook,
} as const satisfies Record<string, RouteDef>;
