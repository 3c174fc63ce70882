// Schemas of the system routes: health, the OpenAPI document and the docs page's files.
import * as z from 'zod/mini';
import { lazy } from './lazy.ts';

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
