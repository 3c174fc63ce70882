// POST /api/auth/invitations/{invitationId}/decline
import { httpHandler } from '#http/handler';
import * as routes from '#routes/members';
import { declineReceivedInvitation } from '#use-cases/invitations';

export const handler = httpHandler(routes.declineReceivedInvitation, async ({ params }, caller) => {
  await declineReceivedInvitation(caller, params.invitationId);
  return { status: 204 };
});
