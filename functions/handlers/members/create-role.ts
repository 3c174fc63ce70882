// POST /api/organisations/{id}/roles
import { httpHandler } from '#http/handler';
import * as routes from '#routes/members';
import { createRole } from '#use-cases/roles';

export const handler = httpHandler(routes.createRole, async ({ body }, tenant) => ({
  status: 201,
  body: { role: await createRole(tenant, body) },
}));
