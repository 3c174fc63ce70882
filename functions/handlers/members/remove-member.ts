// DELETE /api/organisations/{id}/members/{userId}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/members';
import { removeMember } from '#use-cases/members';

export const handler = httpHandler(routes.removeMember, async ({ params }, tenant) => {
  await removeMember(tenant, params.userId);
  return { status: 204 };
});
