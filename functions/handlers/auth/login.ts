// POST /api/auth/login
import { httpHandler } from '#http/handler';
import { authRoutes as routes } from '#routes/auth';
import { login } from '#use-cases/session';

export const handler = httpHandler(routes.login, async ({ body }) => ({
  status: 200,
  body: await login(body.username, body.password),
}));
