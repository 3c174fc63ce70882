// GET /api/organisations/{id}/roles
import { httpHandler } from '#http/handler';
import * as routes from '#routes/members';
import { listRoles } from '#use-cases/roles';

export const handler = httpHandler(routes.listRoles, async (_input, tenant) => ({ status: 200, body: await listRoles(tenant) }));
