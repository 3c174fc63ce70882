// POST /api/platform/organisations/{id}/members: 201 with the member (a new account, its set-password link e-mailed),
// 202 with the invitation for an existing account.
import { httpHandler } from '#http/handler';
import { idempotent } from '#http/idempotency';
import * as routes from '#routes/platform';
import { addMember } from '#use-cases/platform';

export const handler = httpHandler(
  routes.platformAddMember,
  async ({ params, body, client }, superAdmin) => {
    const added = await addMember(superAdmin, params.id, body, client);
    return added.outcome === 'added'
      ? { status: 201, body: { member: added.member, setPasswordLink: added.setPasswordLink } }
      : { status: 202, body: { invitation: added.invitation } };
  },
  { idempotency: idempotent() },
);
