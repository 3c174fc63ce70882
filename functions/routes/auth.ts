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
import type { RouteDef } from './types.ts';

export const registerCabinet = {
  method: 'POST',
  path: '/api/auth/register-cabinet',
  handler: 'auth/register-cabinet',
  auth: 'public',
  tag: 'Auth',
  summary: 'Create an organisation and its first ADMIN user, atomically, and sign in',
  body: registerCabinetBody,
  access: {
    table: 'readWrite',
    cognito: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminDeleteUser', 'cognito-idp:InitiateAuth'],
  },
  responses: { 201: { description: 'Cabinet created', schema: sessionResponse } },
  problems: ['username-taken', 'organisation-name-taken', 'license-number-taken', 'password-policy'],
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
  },
  problems: ['invalid-credentials', 'membership-pending', 'unsupported-challenge'],
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
  responses: { 200: { description: 'Signed in, as /api/auth/login answers', schema: loginMfaResponse } },
  problems: ['invalid-mfa-code', 'membership-pending'],
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
  responses: { 200: { description: 'New token', schema: refreshResponse } },
  problems: ['invalid-refresh-token'],
} as const satisfies RouteDef;

export const me = {
  method: 'GET',
  path: '/api/auth/me',
  handler: 'auth/me',
  auth: 'member',
  tag: 'Auth',
  summary: 'The signed-in user and their current organisation',
  access: { table: 'read' },
  responses: { 200: { description: 'Current user', schema: meResponse } },
  problems: ['profile-not-found'],
} as const satisfies RouteDef;

/** The area's routes, in table order (routes.ts gathers the areas). */
export const authRoutes = { registerCabinet, login, loginMfa, refresh, me } as const satisfies Record<string, RouteDef>;
