// GET /api/organisations/{id}/join-code
import { httpHandler } from '#http/handler';
import * as routes from '#routes/registration';
import { getJoinCode } from '#use-cases/join-codes';

export const handler = httpHandler(routes.getJoinCode, async (_input, tenant) => ({
  status: 200,
  body: await getJoinCode(tenant),
}));
