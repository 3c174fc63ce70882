// User profile item: USER#<id> / PROFILE (id = the Cognito sub), plus the username guard item.

import { userPk } from './keys.ts';
import type { Locale } from './mail.ts';

export const GENDERS = ['female', 'male', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

/** What a person says about themselves (seeds 002 and 004): every field optional, each cleared with null. */
export interface ProfileFields {
  /** E.164, e.g. +33612345678. */
  phone?: string;
  /** An https URL. */
  avatarUrl?: string;
  /** YYYY-MM-DD. */
  dateOfBirth?: string;
  gender?: Gender;
  location?: string;
  bio?: string;
  specialization?: string;
}

/** The profile fields, in the order every schema and list of them follows: the one list of them. */
export const PROFILE_FIELDS = ['phone', 'avatarUrl', 'dateOfBirth', 'gender', 'location', 'bio', 'specialization'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export interface User extends ProfileFields {
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
  /**
   * The organisation the next token is issued for, and only ever one the person chose (signed up into, joined,
   * switched to). The token carries it only while that membership is ACTIVE; otherwise no organisation.
   */
  currentOrganisationId?: string;
  /** The last sign-in through the API (password, MFA step, registration), maintained by the sign-in itself. */
  lastLoginAt?: string;
  /** True once the person turned TOTP MFA on through the API (and false again when they turn it off). */
  mfaEnabled?: boolean;
  /**
   * Session revocation (domain/session.ts): every ID token issued at or before this instant (epoch ms) is refused;
   * set by sign-out everywhere, a password change or reset.
   */
  tokensValidAfter?: number;
  /** Revoked ID tokens still within their lifetime: jti → expiry (epoch s). Expired ones are pruned on each write. */
  revokedTokens?: Record<string, number>;
  /** Incremented with every change of revokedTokens / tokensValidAfter (optimistic concurrency). */
  revocationVersion?: number;
  /** When the password last changed through the API (a reset link issued before it is void). */
  passwordChangedAt?: string;
  /** Set when the person asked to delete their account: the deletion is under way (use-cases/account-deletion.ts). */
  deletingSince?: string;
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

/** Profile fields as a parsed body holds them (each possibly undefined). */
export type ProfileFieldsInput = { [K in keyof ProfileFields]?: ProfileFields[K] | undefined };

/** The profile fields given in a body (registration, an admin's new account), the absent ones left out. */
export function profileFieldsOf(input: ProfileFieldsInput): ProfileFields {
  const fields: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) if (input[field] !== undefined) fields[field] = input[field];
  return fields as ProfileFields;
}

/** What a new account's profile is made of, whichever way it is created. */
export interface NewUser extends ProfileFieldsInput {
  id: string;
  username: string;
  nom: string;
  prenom: string;
  /**
   * The address, and how it is known: `stated` (the person typed it, or an admin did) stays unverified until the
   * link sent there is opened; `proven` (the account is created from a link delivered there: an invitation) is
   * verified at once.
   */
  email?: { address: string; proof: 'stated' | 'proven' } | undefined;
  locale?: Locale | undefined;
  /** The organisation the account's first token is issued for, when it is created into one. */
  currentOrganisationId?: string | undefined;
}

/** The one builder of a new account's profile: registration, register-cabinet, an admin's new account, an invitation. */
export function newUser(fields: NewUser, now: string): User {
  const { email, locale, currentOrganisationId } = fields;
  return {
    id: fields.id,
    username: fields.username,
    nom: fields.nom,
    prenom: fields.prenom,
    ...(email?.proof === 'proven' ? { email: email.address, emailVerified: true, emailVerifiedAt: now } : {}),
    ...(email?.proof === 'stated' ? { email: email.address, emailVerified: false } : {}),
    ...(locale ? { locale } : {}),
    ...profileFieldsOf(fields),
    ...(currentOrganisationId ? { currentOrganisationId } : {}),
    createdAt: now,
    updatedAt: now,
  };
}
