// PATCH /api/organisations/{id}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/organisations';
import { updateOrganisation } from '#use-cases/organisations';

export const handler = httpHandler(routes.updateOrganisation, async ({ body }, tenant) => ({
  status: 200,
  body: await updateOrganisation(tenant, body),
}));
