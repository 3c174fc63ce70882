// PATCH /api/platform/organisations/{id}/members/{userId}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/platform';
import { updateMember } from '#use-cases/platform';

export const handler = httpHandler(routes.platformUpdateMember, async ({ params, body }, superAdmin) => ({
  status: 200,
  body: await updateMember(superAdmin, params.id, params.userId, body),
}));
