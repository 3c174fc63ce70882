// Response schemas of the system routes.
import * as z from 'zod/mini';
import { lazy } from './lazy.ts';

export const healthResponse = /* @__PURE__ */ lazy(() => z.strictObject({ status: z.literal('ok') }));

/** The OpenAPI document's outline (its full shape is the OpenAPI 3.1 specification's). */
export const openApiResponse = /* @__PURE__ */ lazy(() =>
  z.looseObject({
    openapi: z.string(),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  }),
);
