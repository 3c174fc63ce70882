// Request and response schemas of the /api/auth routes.
import * as z from 'zod/mini';
import { emailAddress, linkToken, locale, organisationName, password, personName, registrationRecordFields, username } from './common.ts';
import { lazy } from './lazy.ts';
import { profileFields } from './profile-fields.ts';
import {
  type AreaExamples,
  adminPermissions,
  amina,
  aminaSession,
  MARTIN_ORG,
  martinOrg,
  martinProfile,
  OPS,
  one,
  REFRESH,
  session,
  TOKEN,
} from './walkthrough.ts';

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
    ...registrationRecordFields(),
    ...profileFields(),
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

/** An app client id of the pool (the client that issued a refresh token). */
const clientId = /* @__PURE__ */ lazy(() => z.string().check(z.regex(/^[\w+]{1,128}$/, 'clientId must be an app client id')));

const refreshTokenField = /* @__PURE__ */ lazy(() =>
  z.string().check(z.minLength(1, 'Refresh token is required'), z.maxLength(8192, 'Refresh token is too long')),
);

/**
 * The username too: the api app client has a secret, and Cognito checks its hash against the token's user. clientId:
 * the client that issued the refresh token, when it is not the api client (the hosted login's web client).
 */
export const refreshBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    refreshToken: refreshTokenField(),
    // Optional: the session the API recorded knows them; when sent, they must match it.
    username: z.optional(signInUsername()),
    clientId: z.optional(clientId()),
  }),
);

/** Sign out: this session (its refresh token), or every session of the person with everywhere: true. */
export const logoutBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    refreshToken: refreshTokenField(),
    everywhere: z.optional(z.boolean('everywhere must be true or false')),
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

/** A membership awaiting an admin's approval (a join code that requires it): no token for it yet. */
export const pendingMembership = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    organisation: z.strictObject({ id: z.string(), nom: z.string() }),
    role: z.string(),
    status: z.literal('PENDING'),
  }),
);

/**
 * A sign-in whose token carries no organisation: the person has none yet (an account registered without one), or the
 * one they chose is not ACTIVE for them (pending approval, suspended, left). `user` routes work with it (memberships,
 * switch, create or join an organisation, invitations); member routes answer 403 no-organisation-selected.
 */
export const noOrganisationSessionResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    token: z.string(),
    refreshToken: z.string(),
    expiresIn: z.number(),
    user: z.strictObject({
      id: z.string(),
      username: z.string(),
      role: z.null(),
      organisationId: z.null(),
      nom: z.string(),
      prenom: z.string(),
    }),
    organisation: z.null(),
    pendingMemberships: z.array(pendingMembership()),
  }),
);

/** Cognito's TOTP step: the client sends the authenticator's code with this session to /api/auth/login/mfa. */
export const totpChallengeResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ challenge: z.literal('SOFTWARE_TOKEN_MFA'), session: z.string() }),
);

export const loginResponse = /* @__PURE__ */ lazy(() =>
  z.union([sessionResponse(), noOrganisationSessionResponse(), superAdminSessionResponse(), totpChallengeResponse()]),
);

export const loginMfaBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    username: signInUsername(),
    session: z.string().check(z.minLength(20, 'Session must be the one /api/auth/login answered'), z.maxLength(4096)),
    code: z.string().check(z.regex(/^\d{6}$/, 'Code must be the 6 digits shown by the authenticator app')),
  }),
);

export const loginMfaResponse = /* @__PURE__ */ lazy(() =>
  z.union([sessionResponse(), noOrganisationSessionResponse(), superAdminSessionResponse()]),
);

/** A refresh answers what the session now is, as a sign-in does (the refresh token: the one sent, or its rotation). */
export const refreshResponse = /* @__PURE__ */ lazy(() =>
  z.union([sessionResponse(), noOrganisationSessionResponse(), superAdminSessionResponse()]),
);
export const verifyEmailBody = /* @__PURE__ */ lazy(() => z.strictObject({ token: linkToken() }));
export const verifyEmailResponse = /* @__PURE__ */ lazy(() => z.strictObject({ email: z.string(), emailVerified: z.literal(true) }));
export const resendVerificationResponse = /* @__PURE__ */ lazy(() => z.strictObject({ email: z.string(), expiresInHours: z.number() }));

/** The OpenAPI examples of the auth routes (functions/routes/auth.ts), by route: called by the OpenAPI document alone. */
export const authExamples = (): AreaExamples => ({
  registerCabinet: {
    request: {
      seed: {
        summary: 'Seed 000: Dr Martin registers his cabinet',
        value: { organisationName: 'Cabinet Dr Martin', username: 'dr.martin', password: 'Cassius2025!', nom: 'Martin', prenom: 'Jean' },
      },
      withEmail: {
        summary: 'With an address (a verification link is e-mailed to it)',
        value: {
          organisationName: 'Cabinet Dr Martin',
          username: 'dr.martin',
          password: 'Cassius2025!',
          nom: 'Martin',
          prenom: 'Jean',
          email: 'jean.martin@example.org',
        },
      },
    },
    responses: { 201: one('The cabinet and its ADMIN, signed in', session) },
  },
  login: {
    request: one('Sign in', { username: 'dr.martin', password: 'Cassius2025!' }),
    responses: {
      200: {
        session: { summary: 'Signed in', value: session },
        noOrganisation: {
          summary: 'No organisation yet (or the chosen one awaits approval): organisation null, user routes only',
          value: {
            ...aminaSession,
            pendingMemberships: [{ organisation: { id: MARTIN_ORG, nom: 'Cabinet Dr Martin' }, role: 'VIEWER', status: 'PENDING' }],
          },
        },
        superAdmin: {
          summary: 'A platform super-admin without membership',
          value: {
            token: TOKEN,
            refreshToken: REFRESH,
            expiresIn: 86400,
            user: { id: OPS, username: 'ops@example.org', role: 'SUPER_ADMIN', organisationId: null, nom: 'Ops', prenom: 'Platform' },
            organisation: null,
          },
        },
        challenge: {
          summary: 'TOTP MFA is on: complete with POST /api/auth/login/mfa',
          value: { challenge: 'SOFTWARE_TOKEN_MFA', session: 'AYABeC3kYl9mZ0Qq…' },
        },
      },
    },
  },
  loginMfa: {
    request: one("The authenticator's code", { username: 'dr.martin', session: 'AYABeC3kYl9mZ0Qq0vJxW2tR…', code: '492817' }),
    responses: { 200: one('Signed in', session) },
  },
  refresh: {
    request: {
      api: {
        summary: 'The refresh token alone (any session the API recorded, whichever client issued it)',
        value: { refreshToken: REFRESH },
      },
      hostedLogin: {
        summary: "A hosted login's refresh token the API has not seen yet: its client, the web client",
        value: { refreshToken: REFRESH, clientId: 'e5dsx1ye62gffh6ok1r0krie1' },
      },
    },
    responses: { 200: one('A new ID token, with the session as a sign-in answers it', session) },
  },
  me: {
    responses: {
      200: {
        member: {
          summary: 'Dr Martin, whose address is proven',
          value: { user: martinProfile, organisation: martinOrg, permissions: adminPermissions() },
        },
        noOrganisation: {
          summary: 'An account without organisation',
          value: {
            user: {
              ...martinProfile,
              ...amina,
              email: 'amina.diallo@example.org',
              emailVerified: false,
              phone: null,
              avatarUrl: null,
              dateOfBirth: '1992-04-03',
              gender: 'female',
              location: null,
              bio: null,
              specialization: null,
              locale: null,
            },
            organisation: null,
            permissions: [],
          },
        },
      },
    },
  },
  verifyEmail: {
    request: one('The token of the link e-mailed to the address', { token: 'Xk2vT9pL4sW1nR8eY3uA6mQ7bC0dF5gH' }),
    responses: { 200: one('Proven', { email: 'jean.martin@example.org', emailVerified: true }) },
  },
  resendVerification: { responses: { 202: one('A new link is on its way', { email: 'jean.martin@example.org', expiresInHours: 24 }) } },
});
