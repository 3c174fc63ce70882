// Session routes: register a cabinet, log in, refresh, who am I.

import { config } from '#core/config';
import { route } from '#http/route';
import { meResponse } from '#schemas/account';
import {
  loginBody,
  loginMfaBody,
  loginMfaResponse,
  loginResponse,
  refreshBody,
  refreshResponse,
  registerCabinetBody,
  resendVerificationResponse,
  sessionResponse,
  verifyEmailBody,
  verifyEmailResponse,
} from '#schemas/auth';
import * as emailVerification from '#use-cases/email-verification';
import * as profile from '#use-cases/profile';
import * as cabinets from '#use-cases/register-cabinet';
import * as session from '#use-cases/session';
import * as sessionReplay from '#use-cases/session-replay';

export const registerCabinet = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/register-cabinet',
  function: 'sessions',
  auth: 'public',
  tag: 'Auth',
  summary: 'Create an organisation and its first ADMIN user, atomically, and sign in (with an email, a verification link is sent there)',
  body: registerCabinetBody,
  throttle: 'registration',
  access: {
    table: 'readWrite',
    cognito: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminGetUser'],
    signIn: true,
    email: true,
  },
  idempotent: true,
  responses: { 201: { description: 'Cabinet created', schema: sessionResponse } },
  problems: ['username-taken', 'organisation-name-taken', 'password-policy', 'license-number-taken', 'too-many-requests'],
  handle: async ({ body, client }) => {
    const session = await cabinets.registerCabinet(body, { defaultCountry: config.DEFAULT_COUNTRY }, client);
    return { status: 201, body: session };
  },
  replay: { signIn: ({ body }) => sessionReplay.freshSession(body.username, body.password) },
});

export const login = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/login',
  function: 'sessions',
  auth: 'public',
  tag: 'Auth',
  summary: 'Sign in with username and password',
  body: loginBody,
  // Writes the session it starts (sign-out refuses its tokens later) and the person's lastLoginAt.
  throttle: 'signIn',
  access: { table: 'readWrite', signIn: true },
  responses: {
    200: {
      description:
        'Signed in. The token names the organisation the person chose while that membership is ACTIVE; otherwise ' +
        'organisation: null (with the memberships awaiting approval; a platform super-admin gets role SUPER_ADMIN). ' +
        'Or, for a user who turned TOTP MFA on, { challenge: "SOFTWARE_TOKEN_MFA", session } to complete with POST /api/auth/login/mfa',
      schema: loginResponse,
    },
  },
  problems: ['invalid-credentials', 'unsupported-challenge', 'too-many-requests'],
  handle: async ({ body, client }) => ({
    status: 200,
    body: await session.login(body.username, body.password, client),
  }),
});

export const loginMfa = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/login/mfa',
  function: 'sessions',
  auth: 'public',
  tag: 'Auth',
  summary: "Second step of a sign-in with TOTP MFA: the authenticator app's code and the session /api/auth/login answered",
  body: loginMfaBody,
  throttle: 'mfa',
  access: { table: 'readWrite', signIn: true },
  responses: { 200: { description: 'Signed in, as /api/auth/login answers', schema: loginMfaResponse } },
  problems: ['invalid-mfa-code', 'mfa-code-used', 'invalid-credentials', 'too-many-requests'],
  handle: async ({ body, client }) => ({
    status: 200,
    body: await session.completeTotpLogin(body.username, body.session, body.code, client),
  }),
});

export const refresh = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/refresh',
  function: 'sessions',
  auth: 'public',
  tag: 'Auth',
  summary:
    'Exchange a refresh token for a new ID token and what the session now is (user, organisation), as a sign-in answers it; a session the API never recorded names its clientId; a signed-out session answers 401',
  body: refreshBody,
  throttle: 'refresh',
  access: { table: 'readWrite', signIn: true },
  responses: { 200: { description: 'New token, with the session as a sign-in answers it', schema: refreshResponse } },
  problems: ['invalid-refresh-token'],
  handle: async ({ body, client }) => ({
    status: 200,
    body: await session.refresh(body, client),
  }),
});

export const me = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/auth/me',
  function: 'member-read',
  // 'user': a person without an organisation has a profile too (organisation: null).
  auth: 'user',
  tag: 'Auth',
  summary:
    "The signed-in person's profile (email and whether it is verified, profile fields, MFA, createdAt, updatedAt, lastLoginAt) and the token's organisation (null without one)",
  access: { table: 'read' },
  responses: { 200: { description: 'Current user', schema: meResponse } },
  problems: ['profile-not-found'],
  handle: async (_input, caller) => ({ status: 200, body: await profile.me(caller) }),
});

export const verifyEmail = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/verify-email',
  function: 'sessions',
  auth: 'public',
  tag: 'Auth',
  summary: "Prove an email address with the token of the link sent there (single use, valid 24 h): the account's address becomes verified",
  body: verifyEmailBody,
  throttle: 'emailVerification',
  access: { table: 'readWrite', cognito: ['cognito-idp:AdminUpdateUserAttributes'] },
  responses: { 200: { description: 'The address is verified', schema: verifyEmailResponse } },
  problems: [
    'verification-link-not-found',
    'verification-link-used',
    'verification-link-expired',
    'verification-link-superseded',
    'email-taken',
    'too-many-requests',
  ],
  handle: async ({ body, client }) => ({
    status: 200,
    body: await emailVerification.verifyEmail(body.token, client),
  }),
});

export const resendVerification = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/verify-email/resend',
  function: 'member-write',
  auth: 'user',
  tag: 'Auth',
  summary: "Send another verification link to the signed-in account's address (earlier links stay valid until they expire)",
  access: { table: 'readWrite', email: true },
  responses: { 202: { description: 'A new link is on its way', schema: resendVerificationResponse } },
  problems: ['account-not-found', 'no-email-address', 'email-already-verified', 'email-changed', 'too-many-requests'],
  handle: async (_input, caller) => ({
    status: 202,
    body: await emailVerification.resendVerification(caller),
  }),
});
