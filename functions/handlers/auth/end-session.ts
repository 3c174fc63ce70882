// DELETE /api/auth/sessions/{sessionId}
import { httpHandler } from '#http/handler';
import * as routes from '#routes/account';
import { endDeviceSession } from '#use-cases/device-sessions';

export const handler = httpHandler(routes.endSession, async ({ params }, caller) => {
  await endDeviceSession(caller, params.sessionId);
  return { status: 204 };
});
