// Request and response schemas of the /api/auth routes.
import * as z from 'zod/mini';
import { emailAddress, linkToken, locale, organisationName, organisationRecordFields, password, personName, username } from './common.ts';
import { lazy } from './lazy.ts';

export const registerCabinetBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    organisationName: organisationName(),
    username: username(),
    password: password(),
    nom: personName('Nom'),
    prenom: personName('Prénom'),
    /** Optional: a verification link is sent there; the account works without one. */
    email: z.optional(emailAddress()),
    locale: locale(),
    ...organisationRecordFields(),
  }),
);

/** The username typed at sign-in: both sign-in steps normalise it alike (Cognito compares it case-insensitively). */
const signInUsername = /* @__PURE__ */ lazy(() =>
  z.string().check(z.trim(), z.toLowerCase(), z.minLength(1, 'Username is required'), z.maxLength(128)),
);

export const loginBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    username: signInUsername(),
    password: z.string().check(z.minLength(1, 'Password is required'), z.maxLength(256)),
  }),
);

/** The username too: the api app client has a secret, and Cognito checks its hash against the token's user. */
export const refreshBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    refreshToken: z.string().check(z.minLength(1, 'Refresh token is required'), z.maxLength(8192)),
    username: signInUsername(),
  }),
);

export const userView = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    id: z.string(),
    username: z.string(),
    role: z.string(),
    organisationId: z.string(),
    nom: z.string(),
    prenom: z.string(),
  }),
);

export const organisationSummary = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    id: z.string(),
    nom: z.string(),
    code: z.optional(z.string()),
  }),
);

export const sessionResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    token: z.string(),
    refreshToken: z.string(),
    expiresIn: z.number(),
    user: userView(),
    organisation: organisationSummary(),
  }),
);

/** Login of a platform super-admin without any membership: no organisation. */
export const superAdminSessionResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    token: z.string(),
    refreshToken: z.string(),
    expiresIn: z.number(),
    user: z.strictObject({
      id: z.string(),
      username: z.string(),
      role: z.literal('SUPER_ADMIN'),
      organisationId: z.null(),
      nom: z.string(),
      prenom: z.string(),
    }),
    organisation: z.null(),
  }),
);

/** Cognito's TOTP step: the client sends the authenticator's code with this session to /api/auth/login/mfa. */
export const totpChallengeResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ challenge: z.literal('SOFTWARE_TOKEN_MFA'), session: z.string() }),
);

export const loginResponse = /* @__PURE__ */ lazy(() => z.union([sessionResponse(), superAdminSessionResponse(), totpChallengeResponse()]));

export const loginMfaBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    username: signInUsername(),
    session: z.string().check(z.minLength(20, 'Session must be the one /api/auth/login answered'), z.maxLength(4096)),
    code: z.string().check(z.regex(/^\d{6}$/, 'Code must be the 6 digits shown by the authenticator app')),
  }),
);

export const loginMfaResponse = /* @__PURE__ */ lazy(() => z.union([sessionResponse(), superAdminSessionResponse()]));

export const refreshResponse = /* @__PURE__ */ lazy(() => z.strictObject({ token: z.string(), expiresIn: z.number() }));
export const meResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    user: z.strictObject({
      ...userView().shape,
      /** The account's address, or null: an address is proven only when emailVerified is true. */
      email: z.nullable(z.string()),
      emailVerified: z.boolean(),
    }),
    organisation: organisationSummary(),
  }),
);

export const verifyEmailBody = /* @__PURE__ */ lazy(() => z.strictObject({ token: linkToken() }));
export const verifyEmailResponse = /* @__PURE__ */ lazy(() => z.strictObject({ email: z.string(), emailVerified: z.literal(true) }));
export const resendVerificationResponse = /* @__PURE__ */ lazy(() => z.strictObject({ email: z.string(), expiresInHours: z.number() }));
