// Field rules shared by every route: the password policy here is the user pool's policy (lib/stateful-stack.ts).
import * as z from 'zod/mini';
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

export const resourceId = /* @__PURE__ */ lazy(() => z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'Invalid identifier')));
export const idParams = /* @__PURE__ */ lazy(() => z.strictObject({ id: resourceId() }));

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
