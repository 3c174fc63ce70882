// GET /api/openapi.json: generated from the route table and the very zod schemas the handlers validate with.
import { serveOpenApi } from '#docs/openapi';
import { publicHandler } from '#http/public-handler';
import * as routes from '#routes/system';

export const handler = publicHandler(routes.openapi, serveOpenApi);
