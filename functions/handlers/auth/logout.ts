// POST /api/auth/logout
import { httpHandler } from '#http/handler';
import * as routes from '#routes/account';
import { logout } from '#use-cases/sign-out';

export const handler = httpHandler(routes.logout, async ({ body }, caller) => {
  await logout(caller, body.refreshToken, body.everywhere === true);
  return { status: 204 };
});
