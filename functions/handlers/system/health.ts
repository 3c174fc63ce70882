// GET /api/health: answers once the function can serve (no dependencies are called).
import { httpHandler } from '#http/handler';
import { systemRoutes as routes } from '#routes/system';

export const handler = httpHandler(routes.health, async () => ({ status: 200, body: { status: 'ok' } }));
