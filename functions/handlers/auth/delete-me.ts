// DELETE /api/auth/me
import { httpHandler } from '#http/handler';
import * as routes from '#routes/account';
import { deleteAccount } from '#use-cases/account-deletion';

export const handler = httpHandler(routes.deleteMe, async ({ body, event }, caller) => {
  await deleteAccount(caller, body.password, { sourceIp: event.requestContext.http.sourceIp });
  return { status: 204 };
});
