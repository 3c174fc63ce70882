// System routes: health, OpenAPI document, docs page.
import type { RouteDef } from './types.ts';

export const health = {
  method: 'GET',
  path: '/api/health',
  handler: 'system/health',
  function: 'system',
  auth: 'public',
  tag: 'System',
  summary: 'Liveness and readiness',
  access: {},
  responses: { 200: { description: 'Ready' } },
} as const satisfies RouteDef;

export const openapi = {
  method: 'GET',
  path: '/api/openapi.json',
  handler: 'system/openapi',
  function: 'system',
  auth: 'public',
  tag: 'System',
  summary: 'This OpenAPI 3.1 document',
  access: {},
  responses: { 200: { description: 'OpenAPI document' } },
} as const satisfies RouteDef;

export const docs = {
  method: 'GET',
  path: '/api/docs',
  handler: 'system/docs',
  function: 'system',
  auth: 'public',
  tag: 'System',
  summary: 'Interactive API documentation',
  access: {},
  responses: { 200: { description: 'HTML page rendering the OpenAPI document', contentType: 'text/html' } },
} as const satisfies RouteDef;

/** The area's routes, in table order (routes.ts gathers the areas). */
export const systemRoutes = { health, openapi, docs } as const satisfies Record<string, RouteDef>;
