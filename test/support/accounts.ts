// Helpers for the account tests (sessions, passwords, profile, MFA, leaving and deleting): accounts registered
// without an organisation, reset links read from the mailbox, TOTP enrolment with codes computed like an app.
import { api, PASSWORD } from './api.ts';
import { tokenFromMail, verifyFromMail } from './mail.ts';
import { apiFrom, newClientAddress, newEmail } from './registration.ts';
import { totp } from './totp.ts';

export const RESET_SUBJECT = /Réinitialisation de votre mot de passe|Reset your Cabinet password/;

export interface AccountSession {
  token: string;
  refreshToken: string;
  user: { id: string; username: string; role: string | null; organisationId: string | null; nom: string; prenom: string };
  organisation: { id: string; nom: string; code?: string } | null;
  pendingMemberships?: { organisation: { id: string; nom: string }; role: string; status: 'PENDING' }[];
}

export function accountInput(overrides: Record<string, unknown> = {}) {
  return {
    registrationType: 'account',
    email: newEmail(),
    password: PASSWORD,
    confirmPassword: PASSWORD,
    nom: 'Diallo',
    prenom: 'Amina',
    ...overrides,
  };
}

/** POST /api/auth/register with registrationType "account" (from a fresh client address), expecting 201. */
export async function registerAccount(overrides: Record<string, unknown> = {}) {
  const input = accountInput(overrides);
  const response = await apiFrom(newClientAddress(), 'POST', '/api/auth/register', { body: input });
  if (response.status !== 201) throw new Error(`register account failed: ${response.status} ${response.text}`);
  return { input, email: input.email as string, ...(response.body as AccountSession) };
}

/** An account without organisation whose address is proven (the link read from its mailbox and presented). */
export async function verifiedAccount(overrides: Record<string, unknown> = {}) {
  const account = await registerAccount(overrides);
  await verifyFromMail(account.email);
  return account;
}

/** Asks for a reset link for `name` and reads its token from `mailbox` (the account's verified address). */
export async function resetToken(name: string, mailbox: string): Promise<string> {
  const response = await apiFrom(newClientAddress(), 'POST', '/api/auth/forgot-password', { body: { username: name } });
  if (response.status !== 202) throw new Error(`forgot-password failed: ${response.status} ${response.text}`);
  return tokenFromMail(mailbox, RESET_SUBJECT);
}

/** Turns TOTP MFA on for the session's account through the API; returns the shared secret. */
export async function enrolTotp(session: { token: string }, password = PASSWORD): Promise<string> {
  const start = await api('POST', '/api/auth/mfa/totp', { token: session.token, body: { password } });
  if (start.status !== 200) throw new Error(`mfa start failed: ${start.status} ${start.text}`);
  const secret = start.body.secret as string;
  const verify = await api('POST', '/api/auth/mfa/totp/verify', { token: session.token, body: { password, code: totp(secret) } });
  if (verify.status !== 200) throw new Error(`mfa verify failed: ${verify.status} ${verify.text}`);
  return secret;
}
