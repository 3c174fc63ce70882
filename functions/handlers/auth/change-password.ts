// POST /api/auth/password
import { httpHandler } from '#http/handler';
import * as routes from '#routes/account';
import { changePassword } from '#use-cases/passwords';

export const handler = httpHandler(routes.changePassword, async ({ body, client }, caller) => ({
  status: 200,
  body: await changePassword(caller, body, client),
}));
