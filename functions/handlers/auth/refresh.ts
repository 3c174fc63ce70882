// POST /api/auth/refresh
import { httpHandler } from '#http/handler';
import { routes } from '#routes';
import { refresh } from '#use-cases/session';

export const handler = httpHandler(routes.refresh, async ({ body }) => ({
  status: 200,
  body: await refresh(body.refreshToken),
}));
