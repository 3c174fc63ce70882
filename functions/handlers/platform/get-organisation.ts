// GET /api/platform/organisations/{id}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/platform';
import { getOrganisation } from '#use-cases/platform';

export const handler = httpHandler(routes.platformGetOrganisation, async ({ params }) => ({
  status: 200,
  body: await getOrganisation(params.id),
}));
