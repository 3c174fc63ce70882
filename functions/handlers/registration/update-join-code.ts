// PATCH /api/organisations/{id}/join-code
import { httpHandler } from '#http/handler';
import * as routes from '#routes/registration';
import { updateJoinCode } from '#use-cases/join-codes';

export const handler = httpHandler(routes.updateJoinCode, async ({ body }, tenant) => ({
  status: 200,
  body: await updateJoinCode(tenant, body),
}));
