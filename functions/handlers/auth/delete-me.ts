// DELETE /api/auth/me
import { httpHandler } from '#http/handler';
import * as routes from '#routes/account';
import { deleteAccount } from '#use-cases/account-deletion';

export const handler = httpHandler(routes.deleteMe, async ({ body, client }, caller) => {
  await deleteAccount(caller, body.password, client);
  return { status: 204 };
});
