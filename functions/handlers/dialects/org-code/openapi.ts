// GET /compat/org-code/openapi.json: seed 001's dialect document.
import { orgCodeOpenapi as route } from '#dialects/org-code/routes';
import { orgCodeSeedError } from '#dialects/org-code/seed-error';
import { serveDialectOpenApi } from '#docs/openapi';
import { publicHandler } from '#http/public-handler';

export const handler = publicHandler(route, serveDialectOpenApi('org-code'), { seedError: orgCodeSeedError });
