// GET /api/health: answers once the function can serve (no dependencies are called).
import { publicHandler } from '#http/public-handler';
import * as routes from '#routes/system';

export const handler = publicHandler(routes.health, async () => ({ status: 200, body: { status: 'ok' } }));
