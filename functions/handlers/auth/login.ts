// POST /api/auth/login
import { publicHandler } from '#http/public-handler';
import * as routes from '#routes/auth';
import { login } from '#use-cases/session';

export const handler = publicHandler(routes.login, async ({ body, client }) => ({
  status: 200,
  body: await login(body.username, body.password, client),
}));
