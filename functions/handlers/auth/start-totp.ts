// POST /api/auth/mfa/totp
import { httpHandler } from '#http/handler';
import * as routes from '#routes/account';
import { startTotp } from '#use-cases/mfa';

export const handler = httpHandler(routes.startTotp, async ({ body, client }, caller) => ({
  status: 200,
  body: await startTotp(caller, body.password, client),
}));
