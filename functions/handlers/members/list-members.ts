// GET /api/organisations/{id}/members?limit=&cursor=
import { httpHandler } from '#http/handler';
import * as routes from '#routes/members';
import { listMembers } from '#use-cases/members';

export const handler = httpHandler(routes.listMembers, async ({ query }, tenant) => ({
  status: 200,
  body: await listMembers(tenant, query),
}));
