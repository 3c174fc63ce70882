// POST /api/auth/refresh
import { publicHandler } from '#http/public-handler';
import * as routes from '#routes/auth';
import { refresh } from '#use-cases/session';

export const handler = publicHandler(routes.refresh, async ({ body, client }) => ({
  status: 200,
  body: await refresh(body, client),
}));
