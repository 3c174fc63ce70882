// Request and response schemas of a person's own account: profile, password, sessions, MFA, leaving and deleting.
import * as z from 'zod/mini';
import { LOCALES } from '#domain/mail';
import { GENDERS } from '#domain/user';
import { organisationSummary } from './auth.ts';
import { emailAddress, linkToken, password, personName, resourceId, text } from './common.ts';
import { lazy } from './lazy.ts';
import { profileFieldChanges } from './profile-fields.ts';
import { type AreaExamples, adminPermissions, martinOrg, martinProfile, one, REFRESH, session } from './walkthrough.ts';

/** A field no profile change may touch: refused with the field and the reason. */
const notAProfileField = (field: string, why: string) =>
  z.optional(z.unknown().check(z.refine(() => false, `${field} cannot be changed here: ${why}`)));

/**
 * PATCH /api/auth/me: any of the profile fields; null clears an optional one. Names as nom and prenom, or fullName
 * (split like registration's). A new email starts verification over. role, organisationId, id and username are
 * refused by name.
 */
export const updateProfileBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      nom: z.optional(personName('nom')),
      prenom: z.optional(personName('prenom')),
      fullName: z.optional(text('Full name', { min: 2, max: 200 })),
      email: z.optional(z.nullable(emailAddress())),
      ...profileFieldChanges(),
      locale: z.optional(z.nullable(z.enum(LOCALES, { error: 'locale must be "fr" or "en"' }))),
      role: notAProfileField('role', 'roles are per organisation, set by its admins'),
      organisationId: notAProfileField('organisationId', 'use POST /api/auth/switch-organisation'),
      id: notAProfileField('id', 'it is the account’s identity'),
      username: notAProfileField('username', 'it is how the account signs in'),
    })
    .check(
      z.refine((body) => Object.keys(body).length > 0, 'At least one field must be given'),
      z.refine((body) => body.fullName === undefined || (body.nom === undefined && body.prenom === undefined), {
        message: 'Give either fullName or nom and prenom, not both',
        path: ['fullName'],
      }),
    ),
);

/** The signed-in person: their account and profile, and their current organisation when the token names one. */
export const profileView = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    id: z.string(),
    username: z.string(),
    /** The role in the token's organisation; null without one. */
    role: z.nullable(z.string()),
    organisationId: z.nullable(z.string()),
    nom: z.string(),
    prenom: z.string(),
    /** The account's address, or null: an address is proven only when emailVerified is true. */
    email: z.nullable(z.string()),
    emailVerified: z.boolean(),
    phone: z.nullable(z.string()),
    avatarUrl: z.nullable(z.string()),
    dateOfBirth: z.nullable(z.string()),
    gender: z.nullable(z.enum(GENDERS)),
    location: z.nullable(z.string()),
    bio: z.nullable(z.string()),
    specialization: z.nullable(z.string()),
    /** The language of the person's e-mail; null: the platform's default. */
    locale: z.nullable(z.enum(LOCALES)),
    mfaEnabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** The last sign-in through the API (password, MFA step, registration); null before the first. */
    lastLoginAt: z.nullable(z.string()),
  }),
);

export const meResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    user: profileView(),
    /** The token's organisation while the membership and the organisation are ACTIVE; null otherwise. */
    organisation: z.nullable(organisationSummary()),
    /**
     * What the person may do in that organisation: the permissions of the live membership's role (built-in or custom),
     * sorted; empty when organisation is null. A client shows only the actions these allow (the API still checks).
     */
    permissions: z.array(z.string()),
  }),
);

// Passwords.

export const changePasswordBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    currentPassword: z.string().check(z.minLength(1, 'currentPassword is required'), z.maxLength(256)),
    newPassword: password(),
  }),
);

export const forgotPasswordBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    /** A username, or the account's verified e-mail address. */
    username: z.string().check(z.trim(), z.toLowerCase(), z.minLength(1, 'username is required'), z.maxLength(254)),
  }),
);

/** The same answer whether or not an account matched: it never tells who has an account. */
export const forgotPasswordResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ status: z.literal('ACCEPTED'), message: z.string(), expiresInMinutes: z.number() }),
);

export const resetPasswordBody = /* @__PURE__ */ lazy(() => z.strictObject({ token: linkToken(), newPassword: password() }));

// Account deletion.

export const deleteAccountBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({ password: z.string().check(z.minLength(1, 'password is required'), z.maxLength(256)) }),
);

// MFA.

const confirmPassword = () => z.string().check(z.minLength(1, 'password is required'), z.maxLength(256));
const totpCode = () => z.string().check(z.regex(/^\d{6}$/, 'code must be the 6 digits shown by the authenticator app'));

export const startTotpBody = /* @__PURE__ */ lazy(() => z.strictObject({ password: confirmPassword() }));

/** The shared secret is this answer's whole purpose: the authenticator app needs it (as text or as the QR code of the URI). */
export const totpEnrolmentResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    secret: z.string(),
    otpauthUri: z.string(),
  }),
);

export const verifyTotpBody = /* @__PURE__ */ lazy(() => z.strictObject({ password: confirmPassword(), code: totpCode() }));
export const disableTotpBody = /* @__PURE__ */ lazy(() => z.strictObject({ password: confirmPassword(), code: totpCode() }));
export const mfaStatusResponse = /* @__PURE__ */ lazy(() => z.strictObject({ mfaEnabled: z.boolean() }));

/** A session, named by an opaque id (never its refresh token nor a hash of it), and the device it began from. */
export const deviceSession = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    id: z.string(),
    /** `api`: signed in through the API; `web`: through the hosted login. */
    appClient: z.enum(['api', 'web']),
    createdAt: z.string(),
    lastUsedAt: z.string(),
    userAgent: z.nullable(z.string()),
    ipAddress: z.nullable(z.string()),
    /** The session the request's own token was issued through. */
    current: z.boolean(),
  }),
);
export const sessionListResponse = /* @__PURE__ */ lazy(() => z.strictObject({ items: z.array(deviceSession()) }));
export const sessionParams = /* @__PURE__ */ lazy(() => z.strictObject({ sessionId: resourceId() }));

/** The OpenAPI examples of the account routes (functions/routes/account.ts), by route: called by the OpenAPI document alone. */
export const accountExamples = (): AreaExamples => ({
  logout: {
    request: {
      session: { summary: 'Sign this session out', value: { refreshToken: REFRESH } },
      everywhere: { summary: 'Sign every session out', value: { refreshToken: REFRESH, everywhere: true } },
    },
  },
  listSessions: {
    responses: {
      200: one('This device and a phone', {
        items: [
          {
            id: '5d1f0c3e-8a47-4b7e-9c2a-1f6e3b9d7a20',
            appClient: 'api',
            createdAt: '2026-11-23T04:12:09.118Z',
            lastUsedAt: '2026-11-23T05:02:41.530Z',
            userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 Safari/605.1.15',
            ipAddress: '203.0.113.24',
            current: true,
          },
          {
            id: 'b7e2a9d4-3c61-4f08-8e5b-0a9c7d2f1e36',
            appClient: 'web',
            createdAt: '2026-11-20T18:40:02.004Z',
            lastUsedAt: '2026-11-22T21:15:37.902Z',
            userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Mobile/15E148',
            ipAddress: '198.51.100.7',
            current: false,
          },
        ],
      }),
    },
  },
  endSession: {},
  changePassword: {
    request: one('The current password and the new one', { currentPassword: 'Cassius2025!', newPassword: 'Cassius2026!x' }),
    responses: { 200: one('A new session (every earlier token is refused)', session) },
  },
  forgotPassword: {
    request: one('By username (or by verified address)', { username: 'jean.martin@example.org' }),
    responses: {
      202: one('The same answer for every name', {
        status: 'ACCEPTED',
        message: 'If an account matches, a link to choose a new password has been sent to its verified e-mail address.',
        expiresInMinutes: 60,
      }),
    },
  },
  resetPassword: {
    request: one("The link's token and the new password", { token: 'q8Zr2mXv5NcT1bLw7YpK4dHs0fGj3aEu', newPassword: 'Cassius2026!x' }),
  },
  updateMe: {
    request: {
      profile: {
        summary: 'Profile fields (null clears one)',
        value: {
          phone: '+33612345678',
          avatarUrl: 'https://cdn.example.org/avatars/jean-martin.jpg',
          dateOfBirth: '1975-06-14',
          gender: 'male',
          location: 'Paris 11e',
          bio: 'Médecin généraliste depuis 2004.',
          specialization: 'Médecine générale',
          locale: 'fr',
        },
      },
      email: { summary: 'A new address: verification starts over', value: { email: 'jean.martin@cabinet-martin.example' } },
    },
    responses: { 200: one('The profile', { user: martinProfile, organisation: martinOrg, permissions: adminPermissions() }) },
  },
  deleteMe: { request: one('The password, re-confirmed', { password: 'Cassius2025!' }) },
  startTotp: {
    request: one('The password, re-confirmed', { password: 'Cassius2025!' }),
    responses: {
      200: one('For the authenticator app', {
        secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
        otpauthUri:
          'otpauth://totp/Cabinet%3Adr.martin?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Cabinet&algorithm=SHA1&digits=6&period=30',
      }),
    },
  },
  verifyTotp: {
    request: one('The password and a code of the authenticator', { password: 'Cassius2025!', code: '492817' }),
    responses: { 200: one('MFA is on', { mfaEnabled: true }) },
  },
  disableTotp: {
    request: one('The password and a current code', { password: 'Cassius2025!', code: '492817' }),
    responses: { 200: one('MFA is off', { mfaEnabled: false }) },
  },
});
