// The sessions function. Every route that issues tokens: sign-in and its MFA step, refresh, registration, invitation acceptance and
// switching organisation; and proving an address (public, it writes). The only function that may read the api app client's secret.
// Its routes are those the route table assigns to it; API Gateway sends it only their route keys.

import { lambdaEntry } from '#http/router';
import { handler as login } from '../handlers/auth/login.ts';
import { handler as loginMfa } from '../handlers/auth/login-mfa.ts';
import { handler as refresh } from '../handlers/auth/refresh.ts';
import { handler as registerCabinet } from '../handlers/auth/register-cabinet.ts';
import { handler as verifyEmail } from '../handlers/auth/verify-email.ts';
import { handler as acceptInvitation } from '../handlers/members/accept-invitation.ts';
import { handler as switchOrganisation } from '../handlers/organisations/switch-organisation.ts';
import { handler as register } from '../handlers/registration/register.ts';

export const handler = lambdaEntry('sessions', {
  registerCabinet,
  login,
  loginMfa,
  refresh,
  register,
  switchOrganisation,
  acceptInvitation,
  verifyEmail,
});
