// POST /api/auth/refresh
import { httpHandler } from '#http/handler';
import { authRoutes as routes } from '#routes/auth';
import { refresh } from '#use-cases/session';

export const handler = httpHandler(routes.refresh, async ({ body }) => ({
  status: 200,
  body: await refresh(body.refreshToken),
}));
