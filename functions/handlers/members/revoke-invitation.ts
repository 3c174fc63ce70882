// DELETE /api/organisations/{id}/invitations/{invitationId}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/members';
import { revokeInvitation } from '#use-cases/invitations';

export const handler = httpHandler(routes.revokeInvitation, async ({ params }, tenant) => {
  await revokeInvitation(tenant, params.invitationId);
  return { status: 204 };
});
