// POST /api/auth/invitations/{invitationId}/accept
import { httpHandler } from '#http/handler';
import * as routes from '#routes/members';
import { acceptReceivedInvitation } from '#use-cases/invitations';

export const handler = httpHandler(routes.acceptReceivedInvitation, async ({ params, client }, caller) => {
  const accepted = await acceptReceivedInvitation(caller, params.invitationId, client);
  if (accepted.kind !== 'membership') throw new Error('An invitation answered by id adds a membership');
  return { status: 200, body: { organisation: accepted.organisation, membership: accepted.membership } };
});
