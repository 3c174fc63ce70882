// GET /api/organisations/{id}/join-requests?status=&limit=&cursor=
import { httpHandler } from '#http/handler';
import * as routes from '#routes/registration';
import { listJoinRequests } from '#use-cases/join-requests';

export const handler = httpHandler(routes.listJoinRequests, async ({ query }, tenant) => ({
  status: 200,
  body: await listJoinRequests(tenant, query),
}));
