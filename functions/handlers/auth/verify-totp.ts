// POST /api/auth/mfa/totp/verify
import { httpHandler } from '#http/handler';
import * as routes from '#routes/account';
import { enableTotp } from '#use-cases/mfa';

export const handler = httpHandler(routes.verifyTotp, async ({ body, client }, caller) => ({
  status: 200,
  body: await enableTotp(caller, body.password, body.code, client),
}));
