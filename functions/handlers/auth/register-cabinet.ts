// POST /api/auth/register-cabinet
import { config } from '#core/config';
import { httpHandler } from '#http/handler';
import { authRoutes as routes } from '#routes/auth';
import { registerOrganisationAdmin } from '#use-cases/register-cabinet';

export const handler = httpHandler(routes.registerCabinet, async ({ body }) => {
  const session = await registerOrganisationAdmin(body, { defaultCountry: config.DEFAULT_COUNTRY });
  return { status: 201, body: session };
});
