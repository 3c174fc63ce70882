// POST /api/auth/reset-password
import { publicHandler } from '#http/public-handler';
import * as routes from '#routes/account';
import { resetPassword } from '#use-cases/passwords';

export const handler = publicHandler(routes.resetPassword, async ({ body, client }) => {
  await resetPassword(body.token, body.newPassword, client);
  return { status: 204 };
});
