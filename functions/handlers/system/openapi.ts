// GET /api/openapi.json: generated from the route table and the very zod schemas the handlers validate with.
import { publicHandler } from '#http/public-handler';
import * as routes from '#routes/system';
import { openApiDocument } from '../../openapi/document.ts';

let cached: unknown;

export const handler = publicHandler(routes.openapi, async () => {
  cached ??= openApiDocument();
  return { status: 200, body: cached };
});
