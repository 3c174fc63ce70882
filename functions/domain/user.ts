// User profile item: USER#<id> / PROFILE (id = the Cognito sub), plus the username guard item.

import { userPk } from './keys.ts';
import type { Locale } from './mail.ts';

export interface User {
  id: string;
  username: string;
  nom: string;
  prenom: string;
  /** The address the person stated (or someone else set): proven only when emailVerified is true. */
  email?: string;
  /** True once the person proved `email` with a link delivered there (email-verification.ts); never set otherwise. */
  emailVerified?: boolean;
  emailVerifiedAt?: string;
  /** The language of the person's mail; the configured DEFAULT_LOCALE when unknown. */
  locale?: Locale;
  /** The organisation the next token is issued for; always one the user is an active member of. */
  currentOrganisationId?: string;
  createdAt: string;
  updatedAt: string;
}

export const userKey = (id: string) => ({ pk: userPk(id), sk: 'PROFILE' });
export const usernameGuardKey = (username: string) => ({ pk: `USERNAME#${username}`, sk: 'GUARD' });

export const userItem = (user: User) => ({ ...userKey(user.id), type: 'User', ...user });

export function userFromItem(item: Record<string, unknown>): User {
  const { pk: _pk, sk: _sk, type: _type, ...user } = item;
  return user as unknown as User;
}
