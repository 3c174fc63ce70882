// GET /api/organisations/{id}/support-access
import { httpHandler } from '#http/handler';
import * as routes from '#routes/organisations';
import { getSupportAccess } from '#use-cases/support-access';

export const handler = httpHandler(routes.getSupportAccess, async (_input, tenant) => ({
  status: 200,
  body: await getSupportAccess(tenant),
}));
