// System routes: health, OpenAPI document, docs page and its files.
import { docsFileParams, documentBody, healthResponse, openApiDocumentResponse } from '#schemas/system';
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
  responses: {
    200: { description: 'Ready', schema: healthResponse },
  },
  // Still starting (the local runtime, until its seed has run): retry after Retry-After seconds.
  problems: ['not-ready'],
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
  responses: { 200: { description: 'OpenAPI document (its server is the origin it was requested from)', schema: openApiDocumentResponse } },
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
  responses: {
    200: {
      description: 'Swagger UI rendering /api/openapi.json, with Authorize (bearer token or hosted login) and try-it-out',
      schema: documentBody,
      contentType: 'text/html',
      headers: ['Content-Security-Policy', 'Referrer-Policy'],
    },
  },
} as const satisfies RouteDef;

export const docsFile = {
  method: 'GET',
  path: '/api/docs/{file}',
  handler: 'system/docs-file',
  function: 'system',
  auth: 'public',
  tag: 'System',
  summary: "A file of the docs page: Swagger UI's script and stylesheet, its OAuth 2 redirect page, the page's own script",
  params: docsFileParams,
  // Served from files shipped beside the bundle, never imported: Swagger UI alone is 1.7 MB of JavaScript.
  files: [
    'node_modules/swagger-ui-dist/swagger-ui-bundle.js',
    'node_modules/swagger-ui-dist/swagger-ui.css',
    'node_modules/swagger-ui-dist/oauth2-redirect.html',
    'node_modules/swagger-ui-dist/oauth2-redirect.js',
    'functions/docs/static/docs.js',
  ],
  access: {},
  responses: {
    200: {
      description: 'The file (gzip-encoded when the client accepts it)',
      schema: documentBody,
      contentType: ['text/javascript', 'text/css', 'text/html'],
      headers: ['ETag', 'Content-Security-Policy', 'Referrer-Policy'],
    },
    304: { description: 'Not modified: If-None-Match named the current ETag', headers: ['ETag'] },
  },
  problems: ['file-not-found'],
} as const satisfies RouteDef;

/** The area's routes, in table order (routes.ts gathers the areas). */
export const systemRoutes = { health, openapi, docs, docsFile } as const satisfies Record<string, RouteDef>;
