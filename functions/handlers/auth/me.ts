// GET /api/auth/me
import { httpHandler } from '#http/handler';
import * as routes from '#routes/auth';
import { me } from '#use-cases/session';

export const handler = httpHandler(routes.me, async (_input, tenant) => ({ status: 200, body: await me(tenant) }));
