// GET /api/organisations/{id}/invitations?status=&limit=&cursor=
import { httpHandler } from '#http/handler';
import * as routes from '#routes/members';
import { listInvitations } from '#use-cases/invitations';

export const handler = httpHandler(routes.listInvitations, async ({ query }, tenant) => ({
  status: 200,
  body: await listInvitations(tenant, query),
}));
