// POST /api/auth/password
import { httpHandler } from '#http/handler';
import * as routes from '#routes/account';
import { changePassword } from '#use-cases/passwords';

export const handler = httpHandler(routes.changePassword, async ({ body, event }, caller) => ({
  status: 200,
  body: await changePassword(caller, body, { sourceIp: event.requestContext.http.sourceIp }),
}));
