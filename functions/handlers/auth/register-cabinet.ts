// POST /api/auth/register-cabinet
import { config } from '#core/config';
import { publicHandler } from '#http/public-handler';
import * as routes from '#routes/auth';
import { registerCabinet } from '#use-cases/register-cabinet';

export const handler = publicHandler(routes.registerCabinet, async ({ body, event }) => {
  const session = await registerCabinet(body, { defaultCountry: config.DEFAULT_COUNTRY }, { sourceIp: event.requestContext.http.sourceIp });
  return { status: 201, body: session };
});
