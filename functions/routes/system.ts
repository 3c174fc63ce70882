// System routes: health, OpenAPI document, docs page and its files.

import * as files from '#docs/files';
import { serveOpenApi } from '#docs/openapi';
import { serveDocsPage } from '#docs/page';
import { route } from '#http/route';
import { docsFileParams, documentBody, healthResponse, openApiDocumentResponse } from '#schemas/system';

export const health = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/health',
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
  handle: async () => ({ status: 200, body: { status: 'ok' } }),
});

export const openapi = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/openapi.json',
  function: 'system',
  auth: 'public',
  tag: 'System',
  summary: 'This OpenAPI 3.1 document',
  access: {},
  responses: { 200: { description: 'OpenAPI document (its server is the origin it was requested from)', schema: openApiDocumentResponse } },
  handle: serveOpenApi,
});

export const docs = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/docs',
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
  handle: serveDocsPage,
});

export const docsFile = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/docs/{file}',
  function: 'system',
  auth: 'public',
  tag: 'System',
  summary: "A file of the docs page: Swagger UI's script and stylesheet, its OAuth 2 redirect page, the page's own script",
  params: docsFileParams,
  // Served from files shipped beside the bundle, never imported (docs/files.ts).
  files: files.DOCS_FILES,
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
  handle: files.serveDocsFile,
});
