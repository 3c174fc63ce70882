// Integration routes: the organisation's events and its webhook endpoints (docs/guide/webhooks.md).
import { eventListResponse, eventsQuery } from '#schemas/integrations';
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

export const integrationsRoutes = { listEvents } as const satisfies Record<string, RouteDef>;
