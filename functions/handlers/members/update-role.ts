// PATCH /api/organisations/{id}/roles/{name}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/members';
import { updateRole } from '#use-cases/roles';

export const handler = httpHandler(routes.updateRole, async ({ params, body }, tenant) => ({
  status: 200,
  body: { role: await updateRole(tenant, params.name, body) },
}));
