// GET /api/auth/sessions
import { httpHandler } from '#http/handler';
import * as routes from '#routes/account';
import { listDeviceSessions } from '#use-cases/device-sessions';

export const handler = httpHandler(routes.listSessions, async (_input, caller) => ({
  status: 200,
  body: await listDeviceSessions(caller),
}));
