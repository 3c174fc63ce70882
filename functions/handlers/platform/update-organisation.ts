// PATCH /api/platform/organisations/{id}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/platform';
import { updateOrganisation } from '#use-cases/platform';

export const handler = httpHandler(routes.platformUpdateOrganisation, async ({ params, body }, superAdmin) => ({
  status: 200,
  body: await updateOrganisation(superAdmin, params.id, body),
}));
