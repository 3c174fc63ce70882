// PATCH /api/auth/me
import { httpHandler } from '#http/handler';
import * as routes from '#routes/account';
import { updateMe } from '#use-cases/profile';

export const handler = httpHandler(routes.updateMe, async ({ body }, caller) => ({ status: 200, body: await updateMe(caller, body) }));
