// GET /api/auth/invitations
import { httpHandler } from '#http/handler';
import * as routes from '#routes/members';
import { listReceivedInvitations } from '#use-cases/invitations';

export const handler = httpHandler(routes.listReceivedInvitations, async (_input, caller) => ({
  status: 200,
  body: await listReceivedInvitations(caller),
}));
