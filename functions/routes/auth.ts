// Session routes: register a cabinet, log in, refresh, who am I.
import {
  loginBody,
  loginMfaBody,
  loginMfaResponse,
  loginResponse,
  meResponse,
  refreshBody,
  refreshResponse,
  registerCabinetBody,
  resendVerificationResponse,
  sessionResponse,
  verifyEmailBody,
  verifyEmailResponse,
} from '#schemas/auth';
import { invalid, type RouteDef, unauthorized } from './types.ts';

export const registerCabinet = {
  method: 'POST',
  path: '/api/auth/register-cabinet',
  handler: 'auth/register-cabinet',
  auth: 'public',
  tag: 'Auth',
  summary: 'Create an organisation and its first ADMIN user, atomically, and sign in (with an email, a verification link is sent there)',
  body: registerCabinetBody,
  access: {
    table: 'readWrite',
    cognito: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminDeleteUser', 'cognito-idp:InitiateAuth'],
    email: true,
  },
  responses: {
    201: { description: 'Cabinet created', schema: sessionResponse },
    400: invalid,
    409: { problem: 'Username or organisation name already taken' },
  },
} as const satisfies RouteDef;

export const login = {
  method: 'POST',
  path: '/api/auth/login',
  handler: 'auth/login',
  auth: 'public',
  tag: 'Auth',
  summary: 'Sign in with username and password',
  body: loginBody,
  access: { table: 'read', cognito: ['cognito-idp:InitiateAuth'] },
  responses: {
    200: {
      description:
        'Signed in (a super-admin without membership gets organisation: null); or, for a user who turned TOTP MFA on, ' +
        '{ challenge: "SOFTWARE_TOKEN_MFA", session } to complete with POST /api/auth/login/mfa',
      schema: loginResponse,
    },
    400: invalid,
    401: { problem: 'Invalid username or password (one message for both)' },
    403: { problem: 'The only membership awaits approval by an administrator' },
  },
} as const satisfies RouteDef;

export const loginMfa = {
  method: 'POST',
  path: '/api/auth/login/mfa',
  handler: 'auth/login-mfa',
  auth: 'public',
  tag: 'Auth',
  summary: "Second step of a sign-in with TOTP MFA: the authenticator app's code and the session /api/auth/login answered",
  body: loginMfaBody,
  access: { table: 'read', cognito: ['cognito-idp:RespondToAuthChallenge'] },
  responses: {
    200: { description: 'Signed in, as /api/auth/login answers', schema: loginMfaResponse },
    400: invalid,
    401: { problem: 'The code is wrong, or the sign-in session is invalid or expired' },
    403: { problem: 'The only membership awaits approval by an administrator' },
  },
} as const satisfies RouteDef;

export const refresh = {
  method: 'POST',
  path: '/api/auth/refresh',
  handler: 'auth/refresh',
  auth: 'public',
  tag: 'Auth',
  summary: 'Exchange a refresh token for a new ID token',
  body: refreshBody,
  access: { cognito: ['cognito-idp:InitiateAuth'] },
  responses: { 200: { description: 'New token', schema: refreshResponse }, 400: invalid, 401: unauthorized },
} as const satisfies RouteDef;

export const me = {
  method: 'GET',
  path: '/api/auth/me',
  handler: 'auth/me',
  auth: 'member',
  tag: 'Auth',
  summary: 'The signed-in user (with their email and whether it is verified) and their current organisation',
  access: { table: 'read' },
  responses: { 200: { description: 'Current user', schema: meResponse }, 401: unauthorized },
} as const satisfies RouteDef;

export const verifyEmail = {
  method: 'POST',
  path: '/api/auth/verify-email',
  handler: 'auth/verify-email',
  auth: 'public',
  tag: 'Auth',
  summary: "Prove an email address with the token of the link sent there (single use, valid 24 h): the account's address becomes verified",
  body: verifyEmailBody,
  access: { table: 'readWrite', cognito: ['cognito-idp:AdminUpdateUserAttributes'] },
  responses: {
    200: { description: 'The address is verified', schema: verifyEmailResponse },
    400: invalid,
    404: { problem: 'No such verification link' },
    409: { problem: 'Another account already verified this address' },
    410: { problem: 'The link was already used, has expired, or is for an address the account no longer uses' },
    429: { problem: 'Too many attempts from this client; see Retry-After' },
  },
} as const satisfies RouteDef;

export const resendVerification = {
  method: 'POST',
  path: '/api/auth/verify-email/resend',
  handler: 'auth/resend-verification',
  auth: 'user',
  tag: 'Auth',
  summary: "Send another verification link to the signed-in account's address (earlier links stay valid until they expire)",
  access: { table: 'readWrite', email: true },
  responses: {
    202: { description: 'A new link is on its way', schema: resendVerificationResponse },
    401: unauthorized,
    409: { problem: 'The account has no address, or it is already verified' },
    429: { problem: 'Too many links for this account or address; see Retry-After' },
  },
} as const satisfies RouteDef;

/** The area's routes, in table order (routes.ts gathers the areas). */
export const authRoutes = { registerCabinet, login, loginMfa, refresh, me, verifyEmail, resendVerification } as const satisfies Record<
  string,
  RouteDef
>;
