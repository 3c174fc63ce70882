// GET /api/platform/organisations/{id}/members
import { httpHandler } from '#http/handler';
import * as routes from '#routes/platform';
import { listMembers } from '#use-cases/platform';

export const handler = httpHandler(routes.platformListMembers, async ({ params, query }, superAdmin) => ({
  status: 200,
  body: await listMembers(superAdmin, params.id, query),
}));
