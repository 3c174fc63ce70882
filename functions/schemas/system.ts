// Schemas of the system routes: health, the OpenAPI document and the docs page's files.
import * as z from 'zod/mini';
import { lazy } from './lazy.ts';
import { type AreaExamples, one } from './walkthrough.ts';

export const healthResponse = /* @__PURE__ */ lazy(() => z.strictObject({ status: z.literal('ok') }));

/** The OpenAPI 3.1 document itself: only its envelope is described here. */
export const openApiDocumentResponse = /* @__PURE__ */ lazy(() =>
  z.looseObject({
    openapi: z.string(),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    servers: z.array(z.looseObject({ url: z.string() })),
    paths: z.record(z.string(), z.unknown()),
    components: z.record(z.string(), z.unknown()),
  }),
);

/** An HTML page or a static file, sent as it is. */
export const documentBody = /* @__PURE__ */ lazy(() => z.string());

export const docsFileParams = /* @__PURE__ */ lazy(() =>
  z.strictObject({ file: z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{0,63}$/, 'Invalid file name')) }),
);

/** The OpenAPI examples of the system routes (functions/routes/system.ts), by route: called by the OpenAPI document alone. */
export const systemExamples = (): AreaExamples => ({
  health: { responses: { 200: one('Ready', { status: 'ok' }) } },
  openapi: {
    responses: {
      200: one('This document (abridged)', {
        openapi: '3.1.0',
        info: { title: 'Cabinet API', version: '0.1.0' },
        servers: [{ url: 'http://127.0.0.1:3000' }],
        paths: { '/api/health': { get: { operationId: 'health' } } },
        components: { schemas: {} },
      }),
    },
  },
  docs: { responses: { 200: one('The page (abridged)', '<!doctype html><html lang="en"><head><title>Cabinet API</title>…') } },
  docsFile: {
    responses: {
      200: {
        script: { summary: "The page's script (abridged)", value: '"use strict";(()=>{…})();', contentType: 'text/javascript' },
        stylesheet: { summary: "Swagger UI's stylesheet (abridged)", value: '.swagger-ui{…}', contentType: 'text/css' },
        redirect: {
          summary: 'The OAuth 2 redirect page',
          value: '<!doctype html>\n<html lang="en-US">\n<body>\n<script src="oauth2-redirect.js"></script>\n</body>\n</html>\n',
          contentType: 'text/html',
        },
      },
    },
  },
});
