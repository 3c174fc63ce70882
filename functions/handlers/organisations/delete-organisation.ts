// DELETE /api/organisations/{id}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/organisations';
import { deleteOrganisation } from '#use-cases/organisations';

export const handler = httpHandler(routes.deleteOrganisation, async ({ params }, caller) => ({
  status: 202,
  body: await deleteOrganisation(caller, params.id),
}));
