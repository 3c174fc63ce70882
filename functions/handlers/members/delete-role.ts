// DELETE /api/organisations/{id}/roles/{name}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/members';
import { deleteRole } from '#use-cases/roles';

export const handler = httpHandler(routes.deleteRole, async ({ params }, tenant) => {
  await deleteRole(tenant, params.name);
  return { status: 204 };
});
