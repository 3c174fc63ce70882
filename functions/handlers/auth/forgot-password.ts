// POST /api/auth/forgot-password
import { publicHandler } from '#http/public-handler';
import * as routes from '#routes/account';
import { forgotPassword } from '#use-cases/passwords';

export const handler = publicHandler(routes.forgotPassword, async ({ body, client }) => ({
  status: 202,
  body: await forgotPassword(body.username, client),
}));
