// Field rules shared by every route: the password policy here is the user pool's policy (lib/stateful-stack.ts).
import * as z from 'zod/mini';
import { STARTING_TIER, SUBSCRIPTION_TIERS } from '#core/plans';
import { LOCALES } from '#domain/mail';
import { normaliseText, TEXT_FAULT_RULE, TEXT_FAULTS, textFaults } from '#domain/text';
import { lazy } from './lazy.ts';

export const PASSWORD_MIN_LENGTH = 12;
// Cognito's accepted symbol set, so a password valid here is valid in the pool.
const COGNITO_SYMBOL = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+\- ]/;

export const password = /* @__PURE__ */ lazy(() =>
  z
    .string()
    .check(
      z.minLength(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`),
      z.maxLength(256, 'Password must be at most 256 characters'),
      z.regex(/[A-Z]/, 'Password must contain an uppercase letter'),
      z.regex(/[a-z]/, 'Password must contain a lowercase letter'),
      z.regex(/[0-9]/, 'Password must contain a digit'),
      z.regex(COGNITO_SYMBOL, 'Password must contain a symbol'),
    ),
);

export const username = /* @__PURE__ */ lazy(() =>
  z
    .string()
    .check(
      z.trim(),
      z.toLowerCase(),
      z.minLength(3, 'Username must be at least 3 characters'),
      z.maxLength(128, 'Username must be at most 128 characters'),
      z.regex(/^[a-z0-9._@+-]*$/, 'Username may contain only letters, digits and . _ @ + -'),
    ),
);

/**
 * Free text: NFKC-normalised and trimmed, and refused (naming the field's rule) when it holds control characters
 * (a newline only where `multiline`), bidirectional controls, zero-width characters or lone surrogates
 * (domain/text.ts). Every free-text field of every body is built with it.
 */
export const text = (label: string, limits: { min?: number; max: number; multiline?: boolean }) =>
  z.string().check(
    z.refine((value) => value.isWellFormed(), `${label} ${TEXT_FAULT_RULE['lone-surrogate']}`),
    z.overwrite(normaliseText),
    // One refinement per fault, so each failing rule is listed on its own.
    ...TEXT_FAULTS.filter((fault) => fault !== 'lone-surrogate').map((fault) =>
      z.refine<string>((value) => !textFaults(value, limits).includes(fault), `${label} ${TEXT_FAULT_RULE[fault]}`),
    ),
    z.trim(),
    ...(limits.min
      ? [z.minLength(limits.min, limits.min === 1 ? `${label} is required` : `${label} must be at least ${limits.min} characters`)]
      : []),
    z.maxLength(limits.max, `${label} must be at most ${limits.max} characters`),
  );

export const personName = (label: string) => text(label, { min: 1, max: 100 });

/** A description: several lines of free text. */
export const description = /* @__PURE__ */ lazy(() => text('Description', { max: 500, multiline: true }));

export const organisationName = /* @__PURE__ */ lazy(() => text('Organisation name', { min: 2, max: 120 }));

// The organisation record (seeds 002 to 004): what an organisation says about itself besides its name.

/** Unique across the platform, compared NFKC-normalised, trimmed and case-insensitively (domain/organisation.ts). */
export const licenseNumber = /* @__PURE__ */ lazy(() => text('licenseNumber', { min: 1, max: 100 }));

export const contactEmail = /* @__PURE__ */ lazy(() =>
  z
    .string()
    .check(
      z.trim(),
      z.toLowerCase(),
      z.maxLength(254, 'contactEmail must be at most 254 characters'),
      z.email('contactEmail must be a valid email address'),
    ),
);

export const PHONE_RULE = 'phone must be an E.164 number: +, the country code and the number, 15 digits at most (e.g. +33142868200)';

/** E.164, as stored; spaces, dots, hyphens and parentheses a person types between digits are dropped first. */
export const phone = /* @__PURE__ */ lazy(() =>
  z.string().check(
    z.overwrite((value) => value.replace(/[\s().-]/g, '')),
    z.regex(/^\+[1-9]\d{1,14}$/, PHONE_RULE),
  ),
);

/** One free-text field, several lines allowed (street, postcode and town, country…). */
export const address = /* @__PURE__ */ lazy(() => text('address', { max: 500, multiline: true }));

/** The record's fields in a creation body: all optional. */
export const organisationRecordFields = () => ({
  description: z.optional(description()),
  licenseNumber: z.optional(licenseNumber()),
  contactEmail: z.optional(contactEmail()),
  phone: z.optional(phone()),
  address: z.optional(address()),
});

/**
 * The record's fields a registration takes: all but the organisation's `phone`, since a registration's `phone` is the
 * person's (their profile); the organisation's is set afterwards with PATCH /api/organisations/{id}.
 */
export const registrationRecordFields = () => {
  const { phone: _organisationPhone, ...fields } = organisationRecordFields();
  return fields;
};

/** The record's fields in a PATCH body: optional, and null clears one (an empty description too). */
export const organisationRecordChanges = () => ({
  description: z.optional(z.nullable(description())),
  licenseNumber: z.optional(z.nullable(licenseNumber())),
  contactEmail: z.optional(z.nullable(contactEmail())),
  phone: z.optional(z.nullable(phone())),
  address: z.optional(z.nullable(address())),
});

// Plans. The tiers come from configuration (SUBSCRIPTION_TIERS, functions/core/plans.ts).

/** Any configured tier: what a platform operator may set. */
export const planTier = /* @__PURE__ */ lazy(() =>
  z.enum(SUBSCRIPTION_TIERS, { error: `subscriptionTier must be one of ${SUBSCRIPTION_TIERS.join(', ')}` }),
);

/**
 * What an organisation created by its own members may name: the starting tier only. A tenant picking a paid plan for
 * itself would get it for free; plans are set by the platform (PATCH /api/platform/organisations/{id}).
 */
export const selfServiceTier = /* @__PURE__ */ lazy(() =>
  z.optional(
    z.enum([STARTING_TIER], {
      error: `subscriptionTier can only be ${STARTING_TIER} when you create an organisation: other plans are set by the platform`,
    }),
  ),
);

export const MAX_USERS_LIMIT = 10_000;

export const maxUsers = /* @__PURE__ */ lazy(() =>
  z
    .number('maxUsers must be a number')
    .check(
      z.int('maxUsers must be an integer'),
      z.minimum(1, 'maxUsers must be at least 1'),
      z.maximum(MAX_USERS_LIMIT, `maxUsers must be at most ${MAX_USERS_LIMIT}`),
    ),
);

/** A field a tenant may not set: present at all, it is refused with `rule` (a 400 naming the field). */
export const refusedField = (rule: string) => z.optional(z.never({ error: rule }));

export const resourceId = /* @__PURE__ */ lazy(() => z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'Invalid identifier')));
export const idParams = /* @__PURE__ */ lazy(() => z.strictObject({ id: resourceId() }));

const AUDIT_INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?Z)?$/;
const auditInstant = (field: string) =>
  z.optional(z.string().check(z.regex(AUDIT_INSTANT, `${field} must be a date (2026-01-31) or a UTC time (2026-01-31T08:00:00Z)`)));
/** An audit trail's period (GET …/audit): from and to, each a date or a UTC time, both inclusive. */
export const auditPeriod = () => ({ from: auditInstant('from'), to: auditInstant('to') });

export const pageQuery = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    limit: z._default(
      z.coerce
        .number()
        .check(z.int('Limit must be an integer'), z.minimum(1, 'Limit must be at least 1'), z.maximum(100, 'Limit must be at most 100')),
      20,
    ),
    cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(1024, 'Cursor is too long'))),
  }),
);

export const problemSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    instance: z.optional(z.string()),
    errors: z.optional(z.array(z.strictObject({ path: z.string(), message: z.string() }))),
  }),
);

/** The language of the person's (or invitee's) e-mail: fr or en; the configured default when absent. */
export const locale = /* @__PURE__ */ lazy(() => z.optional(z.enum(LOCALES, { error: 'locale must be "fr" or "en"' })));

/** An e-mail address as a person types it: trimmed and lower-cased. */
export const emailAddress = /* @__PURE__ */ lazy(() =>
  z
    .string()
    .check(
      z.trim(),
      z.toLowerCase(),
      z.maxLength(128, 'Email must be at most 128 characters'),
      z.email('Email must be a valid email address'),
    ),
);

/** A link's one-time token (verification, reset): 43 base64url characters, some slack either way. */
export const linkToken = /* @__PURE__ */ lazy(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{20,200}$/, 'Invalid token')));
