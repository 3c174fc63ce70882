// GET /api/platform/organisations?limit=&cursor=
import { httpHandler } from '#http/handler';
import * as routes from '#routes/platform';
import { listOrganisations } from '#use-cases/platform';

export const handler = httpHandler(routes.platformListOrganisations, async ({ query }) => ({
  status: 200,
  body: await listOrganisations(query),
}));
