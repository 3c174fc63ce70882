// GET /api/organisations/{id}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/organisations';
import { getOrganisation } from '#use-cases/organisations';

export const handler = httpHandler(routes.getOrganisation, async (_input, tenant) => ({
  status: 200,
  body: await getOrganisation(tenant),
}));
