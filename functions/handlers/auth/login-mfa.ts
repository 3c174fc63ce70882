// POST /api/auth/login/mfa
import { publicHandler } from '#http/public-handler';
import * as routes from '#routes/auth';
import { completeTotpLogin } from '#use-cases/session';

export const handler = publicHandler(routes.loginMfa, async ({ body, client }) => ({
  status: 200,
  body: await completeTotpLogin(body.username, body.session, body.code, client),
}));
