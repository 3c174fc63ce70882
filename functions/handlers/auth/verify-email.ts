// POST /api/auth/verify-email: the token of a verification link proves the address it was sent to.
import { publicHandler } from '#http/public-handler';
import * as routes from '#routes/auth';
import { verifyEmail } from '#use-cases/email-verification';

export const handler = publicHandler(routes.verifyEmail, async ({ body, client }) => ({
  status: 200,
  body: await verifyEmail(body.token, client),
}));
