// POST /api/auth/register-cabinet
import { config } from '#core/config';
import { idempotent } from '#http/idempotency';
import { publicHandler } from '#http/public-handler';
import * as routes from '#routes/auth';
import { registerCabinet } from '#use-cases/register-cabinet';
import { freshSession } from '#use-cases/session-replay';

export const handler = publicHandler(
  routes.registerCabinet,
  async ({ body, client }) => {
    const session = await registerCabinet(body, { defaultCountry: config.DEFAULT_COUNTRY }, client);
    return { status: 201, body: session };
  },
  { idempotency: idempotent<typeof routes.registerCabinet>({ signIn: ({ body }) => freshSession(body.username, body.password) }) },
);
