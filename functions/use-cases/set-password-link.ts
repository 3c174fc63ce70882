// The first password of an account someone else created for a person (a platform operator, POST
// /api/platform/organisations/{id}/members): the Cognito user gets a random password nobody ever knows, and the person
// gets a single-use link at the address they were created with. The link is a password reset link
// (domain/password-reset.ts: only its hash stored, used at POST /api/auth/reset-password) that names that address, so
// using it also proves the address (use-cases/passwords.ts resetPassword). Kept apart from passwords.ts so the
// platform function does not carry the sign-in code.
import { randomBytes } from 'node:crypto';
import { userPk } from '#domain/keys';
import type { MailJob } from '#domain/mail';
import { hashResetToken, newResetToken, SET_PASSWORD_LINK_HOURS } from '#domain/password-reset';
import type { User } from '#domain/user';
import { defaultLocale, newMailJob } from '#mail/delivery';
import { newResetTokenItem } from '#repositories/password-resets';
import type { NamedItem } from '#repositories/transactions';

/**
 * A password for the Cognito user that nobody knows: 256 random bits (and one character of each class the pool's
 * policy asks for). It is never stored, returned or logged; the person replaces it through their link.
 */
export const unusablePassword = (): string => `${randomBytes(32).toString('base64url')}aA1!`;

/**
 * The link's token guard (only its hash) and the mail job that carries the link to `email`, for the transaction that
 * creates the account; the caller delivers the job once it committed. Valid SET_PASSWORD_LINK_HOURS.
 */
export function setPasswordLink(
  user: Pick<User, 'id' | 'username' | 'locale'>,
  email: string,
  context: { organisationName: string; role: string },
  now = new Date(),
): { items: NamedItem[]; job: MailJob; expiresAt: string } {
  const token = newResetToken();
  const expiresAt = new Date(now.getTime() + SET_PASSWORD_LINK_HOURS * 3_600_000).toISOString();
  const mail = newMailJob(
    {
      ownerPk: userPk(user.id),
      template: 'set-password',
      audience: { kind: 'address', to: email, locale: user.locale ?? defaultLocale() },
      params: { organisationName: context.organisationName, role: context.role, username: user.username, expiresAt },
      linkToken: token,
    },
    now,
  );
  const guard = newResetTokenItem(hashResetToken(token), { userId: user.id, validUntil: expiresAt, createdAt: now.toISOString(), email });
  return { items: [guard, mail.item], job: mail.job, expiresAt };
}
