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
  sessionResponse,
} from '#schemas/auth';
import { invalid, type RouteDef, unauthorized } from './types.ts';

export const registerCabinet = {
  method: 'POST',
  path: '/api/auth/register-cabinet',
  handler: 'auth/register-cabinet',
  function: 'sessions',
  auth: 'public',
  tag: 'Auth',
  summary: 'Create an organisation and its first ADMIN user, atomically, and sign in',
  body: registerCabinetBody,
  access: {
    table: 'readWrite',
    cognito: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminDeleteUser'],
    signIn: true,
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
  function: 'sessions',
  auth: 'public',
  tag: 'Auth',
  summary: 'Sign in with username and password',
  body: loginBody,
  access: { table: 'read', signIn: true },
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
  function: 'sessions',
  auth: 'public',
  tag: 'Auth',
  summary: "Second step of a sign-in with TOTP MFA: the authenticator app's code and the session /api/auth/login answered",
  body: loginMfaBody,
  access: { table: 'read', signIn: true },
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
  function: 'sessions',
  auth: 'public',
  tag: 'Auth',
  summary: 'Exchange a refresh token, with its username, for a new ID token',
  body: refreshBody,
  access: { signIn: true },
  responses: { 200: { description: 'New token', schema: refreshResponse }, 400: invalid, 401: unauthorized },
} as const satisfies RouteDef;

export const me = {
  method: 'GET',
  path: '/api/auth/me',
  handler: 'auth/me',
  function: 'member-read',
  auth: 'member',
  tag: 'Auth',
  summary: 'The signed-in user and their current organisation',
  access: { table: 'read' },
  responses: { 200: { description: 'Current user', schema: meResponse }, 401: unauthorized },
} as const satisfies RouteDef;

/** The area's routes, in table order (routes.ts gathers the areas). */
export const authRoutes = { registerCabinet, login, loginMfa, refresh, me } as const satisfies Record<string, RouteDef>;
