// PATCH /api/organisations/{id}/members/{userId}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/members';
import { updateMember } from '#use-cases/members';

export const handler = httpHandler(routes.updateMember, async ({ params, body }, tenant) => ({
  status: 200,
  body: { member: await updateMember(tenant, params.userId, body) },
}));
