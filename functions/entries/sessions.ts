// The sessions function. Every route that issues, revokes or re-confirms with tokens: sign-in and its MFA step, refresh, registration,
// invitation acceptance, switching organisation, signing out, passwords (change, reset), MFA enrolment, deleting one's account;
// and the public routes that write (proving an address, asking for a reset link). The only function that may read the api app
// client's secret.
// Its routes are those the route table assigns to it; API Gateway sends it only their route keys.

import { lambdaEntry } from '#http/router';
import { handler as changePassword } from '../handlers/auth/change-password.ts';
import { handler as deleteMe } from '../handlers/auth/delete-me.ts';
import { handler as disableTotp } from '../handlers/auth/disable-totp.ts';
import { handler as forgotPassword } from '../handlers/auth/forgot-password.ts';
import { handler as login } from '../handlers/auth/login.ts';
import { handler as loginMfa } from '../handlers/auth/login-mfa.ts';
import { handler as logout } from '../handlers/auth/logout.ts';
import { handler as refresh } from '../handlers/auth/refresh.ts';
import { handler as registerCabinet } from '../handlers/auth/register-cabinet.ts';
import { handler as resetPassword } from '../handlers/auth/reset-password.ts';
import { handler as startTotp } from '../handlers/auth/start-totp.ts';
import { handler as verifyEmail } from '../handlers/auth/verify-email.ts';
import { handler as verifyTotp } from '../handlers/auth/verify-totp.ts';
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
  logout,
  changePassword,
  forgotPassword,
  resetPassword,
  deleteMe,
  startTotp,
  verifyTotp,
  disableTotp,
});
