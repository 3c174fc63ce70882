// POST /api/organisations/{id}/join-requests/{userId}/reject
import { httpHandler } from '#http/handler';
import * as routes from '#routes/registration';
import { rejectJoinRequest } from '#use-cases/join-requests';

export const handler = httpHandler(routes.rejectJoinRequest, async ({ params, body }, tenant) => ({
  status: 200,
  body: await rejectJoinRequest(tenant, params.userId, body),
}));
