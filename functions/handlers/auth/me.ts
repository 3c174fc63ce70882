// GET /api/auth/me
import { httpHandler } from '#http/handler';
import * as routes from '#routes/auth';
import { me } from '#use-cases/profile';

export const handler = httpHandler(routes.me, async (_input, caller) => ({ status: 200, body: await me(caller) }));
