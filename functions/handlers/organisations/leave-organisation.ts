// POST /api/organisations/{id}/leave
import { httpHandler } from '#http/handler';
import * as routes from '#routes/organisations';
import { leaveOrganisation } from '#use-cases/leave';

export const handler = httpHandler(routes.leaveOrganisation, async ({ params }, caller) => {
  await leaveOrganisation(caller, params.id);
  return { status: 204 };
});
