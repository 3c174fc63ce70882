// DELETE /api/organisations/{id}/support-access
import { httpHandler } from '#http/handler';
import * as routes from '#routes/organisations';
import { revokeSupportAccess } from '#use-cases/support-access';

export const handler = httpHandler(routes.revokeSupportAccess, async (_input, tenant) => {
  await revokeSupportAccess(tenant);
  return { status: 204 };
});
