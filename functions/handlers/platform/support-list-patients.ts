// GET /api/platform/organisations/{id}/patients?limit=&cursor=
import { httpHandler } from '#http/handler';
import * as routes from '#routes/platform';
import { supportListPatients } from '#use-cases/platform';

export const handler = httpHandler(routes.platformSupportListPatients, async ({ params, query }, superAdmin) => ({
  status: 200,
  body: await supportListPatients(superAdmin, params.id, query),
}));
