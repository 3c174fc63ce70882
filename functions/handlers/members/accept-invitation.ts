// POST /api/auth/accept-invitation: 201 with a session for a new account, 200 with the membership for a signed-in caller.
import { httpHandler } from '#http/handler';
import * as routes from '#routes/members';
import { acceptInvitation } from '#use-cases/invitations';

export const handler = httpHandler(routes.acceptInvitation, async ({ body, client }, caller) => {
  const accepted = await acceptInvitation(body, caller, client);
  return accepted.kind === 'account'
    ? { status: 201, body: accepted.session }
    : { status: 200, body: { organisation: accepted.organisation, membership: accepted.membership } };
});
