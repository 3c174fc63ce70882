// POST /api/organisations/{id}/members: 201 with the member for a new account, 202 with the invitation for an existing one.
import { httpHandler } from '#http/handler';
import { idempotent } from '#http/idempotency';
import * as routes from '#routes/members';
import { addMember } from '#use-cases/members';

export const handler = httpHandler(
  routes.addMember,
  async ({ body, client }, tenant) => {
    const added = await addMember(tenant, body, client);
    return added.outcome === 'added'
      ? { status: 201, body: { member: added.member } }
      : { status: 202, body: { invitation: added.invitation } };
  },
  { idempotency: idempotent() },
);
