// POST /api/auth/register
import { publicHandler } from '#http/public-handler';
import * as routes from '#routes/registration';
import { register } from '#use-cases/registration';

export const handler = publicHandler(routes.register, async ({ body, client }) => {
  const result = await register(body, client);
  return result.outcome === 'session' ? { status: 201, body: result.session } : { status: 202, body: result.pending };
});
