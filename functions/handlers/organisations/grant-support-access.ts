// POST /api/organisations/{id}/support-access
import { httpHandler } from '#http/handler';
import * as routes from '#routes/organisations';
import { grantSupportAccess } from '#use-cases/support-access';

export const handler = httpHandler(routes.grantSupportAccess, async ({ body }, tenant) => ({
  status: 201,
  body: await grantSupportAccess(tenant, body),
}));
