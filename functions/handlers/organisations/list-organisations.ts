// GET /api/organisations
import { httpHandler } from '#http/handler';
import * as routes from '#routes/organisations';
import { listMyOrganisations } from '#use-cases/organisations';

export const handler = httpHandler(routes.listOrganisations, async (_input, caller) => ({
  status: 200,
  body: await listMyOrganisations(caller),
}));
