// The profile fields a person may give about themselves, each with its rule: the union of the seeds' user fields
// (seed 002: phone, location, bio, specialization, avatarUrl; seed 004: gender, date_of_birth, phone, avatar), under
// the API's own names. Plain functions (not lazy schemas): they are composed into the account, registration and
// member schemas, never components of their own.
import * as z from 'zod/mini';
import { GENDERS, PROFILE_FIELDS, type ProfileField } from '#domain/user';
// A person's phone follows the organisation's rule (common.ts): E.164, spaces, dots, dashes and brackets dropped.
import { phone, text } from './common.ts';

export const avatarUrl = () =>
  z.string().check(
    z.trim(),
    z.maxLength(500, 'avatarUrl must be at most 500 characters'),
    z.refine((value) => {
      try {
        const url = new URL(value);
        return url.protocol === 'https:' && url.hostname.length > 0 && !url.username && !url.password;
      } catch {
        return false;
      }
    }, 'avatarUrl must be an https URL (without credentials)'),
  );

export const dateOfBirth = () =>
  z.iso.date('dateOfBirth must be a date (YYYY-MM-DD)').check(
    z.refine((value) => value >= '1900-01-01', 'dateOfBirth must be on or after 1900-01-01'),
    z.refine((value) => value <= new Date().toISOString().slice(0, 10), 'dateOfBirth must not be in the future'),
  );

export const gender = () => z.enum(GENDERS, { error: `gender must be one of ${GENDERS.join(', ')}` });
export const location = () => text('location', { min: 1, max: 255 });
export const bio = () => text('bio', { min: 1, max: 2000, multiline: true });
export const specialization = () => text('specialization', { min: 1, max: 255 });

/** Each profile field's rule (domain/user.ts's PROFILE_FIELDS, in its order). */
const RULES = { phone, avatarUrl, dateOfBirth, gender, location, bio, specialization } as const satisfies Record<
  ProfileField,
  () => unknown
>;
type Rule<F extends ProfileField> = ReturnType<(typeof RULES)[F]>;

/** The optional profile fields every way of creating an account accepts (registrations, an admin's new account). */
export const profileFields = () =>
  Object.fromEntries(PROFILE_FIELDS.map((field) => [field, z.optional(RULES[field]())])) as {
    [F in ProfileField]: z.ZodMiniOptional<Rule<F>>;
  };

/** The profile fields as a change takes them: each optional, and null to clear it. */
export const profileFieldChanges = () =>
  Object.fromEntries(PROFILE_FIELDS.map((field) => [field, z.optional(z.nullable(RULES[field]()))])) as {
    [F in ProfileField]: z.ZodMiniOptional<z.ZodMiniNullable<Rule<F>>>;
  };
