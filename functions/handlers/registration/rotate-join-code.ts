// POST /api/organisations/{id}/join-code/rotate
import { httpHandler } from '#http/handler';
import * as routes from '#routes/registration';
import { rotateJoinCode } from '#use-cases/join-codes';

export const handler = httpHandler(routes.rotateJoinCode, async (_input, tenant) => ({
  status: 200,
  body: await rotateJoinCode(tenant),
}));
