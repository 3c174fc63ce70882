// POST /api/organisations/{id}/join-requests/{userId}/approve
import { httpHandler } from '#http/handler';
import * as routes from '#routes/registration';
import { approveJoinRequest } from '#use-cases/join-requests';

export const handler = httpHandler(routes.approveJoinRequest, async ({ params, body }, tenant) => ({
  status: 200,
  body: await approveJoinRequest(tenant, params.userId, body),
}));
