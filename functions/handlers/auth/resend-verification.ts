// POST /api/auth/verify-email/resend: another verification link to the signed-in account's address.
import { httpHandler } from '#http/handler';
import * as routes from '#routes/auth';
import { resendVerification } from '#use-cases/email-verification';

export const handler = httpHandler(routes.resendVerification, async (_input, caller) => ({
  status: 202,
  body: await resendVerification(caller),
}));
