// POST /api/organisations/{id}/members
import { httpHandler } from '#http/handler';
import { idempotent } from '#http/idempotency';
import * as routes from '#routes/members';
import { addMember } from '#use-cases/members';

export const handler = httpHandler(
  routes.addMember,
  async ({ body }, tenant) => ({
    status: 201,
    body: { member: await addMember(tenant, body) },
  }),
  { idempotency: idempotent() },
);
