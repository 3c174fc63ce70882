// POST /api/organisations/{id}/invitations: the one-time link goes to the invited address by e-mail, never in this response.
import { httpHandler } from '#http/handler';
import { idempotent } from '#http/idempotency';
import * as routes from '#routes/members';
import { createInvitation } from '#use-cases/invitations';

export const handler = httpHandler(
  routes.createInvitation,
  async ({ body, client }, tenant) => ({
    status: 201,
    body: await createInvitation(tenant, body, client),
  }),
  { idempotency: idempotent() },
);
