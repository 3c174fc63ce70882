// DELETE /api/auth/mfa/totp
import { httpHandler } from '#http/handler';
import * as routes from '#routes/account';
import { disableTotp } from '#use-cases/mfa';

export const handler = httpHandler(routes.disableTotp, async ({ body, client }, caller) => ({
  status: 200,
  body: await disableTotp(caller, body.password, body.code, client),
}));
