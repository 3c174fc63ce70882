// POST /api/auth/register
import { idempotent } from '#http/idempotency';
import { publicHandler } from '#http/public-handler';
import * as routes from '#routes/registration';
import { register } from '#use-cases/registration';
import { freshSession } from '#use-cases/session-replay';

export const handler = publicHandler(
  routes.register,
  async ({ body, client }) => {
    const result = await register(body, client);
    return result.outcome === 'session' ? { status: 201, body: result.session } : { status: 202, body: result.pending };
  },
  // The account's username is its email (a pending registration's 202 carries no token, so it is replayed as it was).
  { idempotency: idempotent<typeof routes.register>({ signIn: ({ body }) => freshSession(body.email, body.password) }) },
);
