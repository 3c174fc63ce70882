// Seed 002's dialect (dual-mode registration, functions/dialects/dual-mode/dialect.ts): its routes under
// /compat/dual-mode, the seed's paths beneath, each translating to the use case Cabinet's own route calls
// (docs/migrating.md). The public directory (numbers, listing) is use-cases/directory.ts.

import { cabinetRole, createInput, DUAL_MODE_POLICY, joiner, userAnswer } from '#dialects/dual-mode/translate';
import * as refusals from '#domain/refusals';
import { route } from '#http/route';
import {
  dualModeLoginBody,
  dualModeLoginResponse,
  dualModeMeResponse,
  dualModeMessageResponse,
  dualModePendingResponse,
  dualModeRegisterBody,
  dualModeSessionResponse,
  dualModeUpdateMeBody,
} from '#schemas/dialect-dual-mode';
import * as deviceSessions from '#use-cases/device-sessions';
import * as directory from '#use-cases/directory';
import * as profile from '#use-cases/profile';
import * as registration from '#use-cases/registration';
import * as session from '#use-cases/session';

export const dualModeRegister = /* @__PURE__ */ route({
  dialect: 'dual-mode',
  method: 'POST',
  path: '/compat/dual-mode/api/auth/register',
  function: 'sessions',
  auth: 'public',
  tag: 'Auth',
  summary:
    'Register: join a listed organization by its numeric organizationId (registrationType "join", default role lawyer) or create one (registrationType "create", you become its admin)',
  body: dualModeRegisterBody,
  throttle: 'registration',
  access: {
    table: 'readWrite',
    cognito: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminGetUser'],
    signIn: true,
    email: true,
  },
  responses: {
    201: { description: 'Registered and signed in: { user, token }', schema: dualModeSessionResponse },
    202: {
      description: "Join request recorded: the organization's join policy requires approval, no token until an admin approves",
      schema: dualModePendingResponse,
    },
  },
  problems: [
    'organisation-not-found',
    'role-above-join-policy',
    'too-many-requests',
    'email-taken',
    'organisation-name-taken',
    'organisation-full',
    'unknown-role',
    'password-policy',
  ],
  handle: async ({ body, client }) => {
    // Cabinet's register (POST /api/auth/register): "create" with the directory's number, roles and join policy;
    // "join" through the listed organization's door instead of a join code.
    const result =
      body.registrationType === 'create'
        ? await registration.register(createInput(body), client, { newOrganisation: directory.directoryOrganisation(DUAL_MODE_POLICY) })
        : await registration.registerThrough(
            joiner(body),
            await directory.doorByNumber(body.organizationId, body.role && cabinetRole(body.role)),
            client,
          );
    if (!result.account || !result.organisation) throw new Error('A registration answers its account and organisation');
    if (result.outcome === 'pending') {
      return {
        status: 202,
        body: { message: 'Registration request sent: an admin of the organization must approve it', user: userAnswer(result.account) },
      };
    }
    const role = result.session.user.role ?? '';
    return {
      status: 201,
      body: { user: userAnswer(result.account, { organisation: result.organisation, role }), token: result.session.token },
    };
  },
});

export const dualModeLogin = /* @__PURE__ */ route({
  dialect: 'dual-mode',
  method: 'POST',
  path: '/compat/dual-mode/api/auth/login',
  function: 'sessions',
  auth: 'public',
  tag: 'Auth',
  summary: 'Sign in with email and password: { user, token }',
  body: dualModeLoginBody,
  throttle: 'signIn',
  access: { table: 'readWrite', signIn: true },
  responses: { 200: { description: 'Signed in', schema: dualModeLoginResponse } },
  problems: ['invalid-credentials', 'unsupported-challenge', 'too-many-requests'],
  handle: async ({ body, client }) => {
    // Cabinet's login (POST /api/auth/login), whose username is the e-mail here.
    const signedIn = await session.loginWith(body.email, body.password, client);
    // The seed has no second step: a person who turned TOTP on signs in with Cabinet's own login.
    if ('challenge' in signedIn) throw refusals.unsupportedChallenge(signedIn.challenge);
    return {
      status: 200,
      body: {
        user: { ...userAnswer(signedIn.user, signedIn.current), lastLogin: signedIn.user.lastLoginAt ?? null },
        token: signedIn.answer.token,
      },
    };
  },
});

export const dualModeMe = /* @__PURE__ */ route({
  dialect: 'dual-mode',
  method: 'GET',
  path: '/compat/dual-mode/api/auth/me',
  function: 'member-read',
  auth: 'user',
  tag: 'Auth',
  summary: 'The signed-in user: { user }',
  access: { table: 'read' },
  responses: { 200: { description: 'Current user', schema: dualModeMeResponse } },
  problems: ['profile-not-found'],
  handle: async (_input, caller) => {
    // Cabinet's me (GET /api/auth/me): the same single read.
    const { user, current } = await profile.signedInPerson(caller);
    return { status: 200, body: { user: userAnswer(user, current) } };
  },
});

export const dualModeUpdateMe = /* @__PURE__ */ route({
  dialect: 'dual-mode',
  method: 'PATCH',
  path: '/compat/dual-mode/api/auth/me',
  // Where Cabinet's PATCH /api/auth/me runs: its use case is the one that may change the address in Cognito.
  function: 'account-admin',
  auth: 'user',
  tag: 'Auth',
  summary: "Change the signed-in user's fullName: { user }",
  body: dualModeUpdateMeBody,
  access: { table: 'readWrite', cognito: ['cognito-idp:AdminUpdateUserAttributes'], email: true },
  responses: { 200: { description: 'Updated', schema: dualModeMeResponse } },
  problems: ['profile-not-found'],
  handle: async ({ body }, caller) => {
    // Cabinet's PATCH /api/auth/me with fullName (the name copies in the person's memberships follow).
    await profile.changeProfile(caller, { fullName: body.fullName });
    const { user, current } = await profile.signedInPerson(caller);
    return { status: 200, body: { user: userAnswer(user, current) } };
  },
});

export const dualModeLogout = /* @__PURE__ */ route({
  dialect: 'dual-mode',
  method: 'POST',
  path: '/compat/dual-mode/api/auth/logout',
  function: 'member-write',
  auth: 'user',
  tag: 'Auth',
  summary: 'Sign out the session the bearer token belongs to (no body): that token and its session are refused from then on',
  access: { table: 'readWrite' },
  responses: { 200: { description: 'Signed out', schema: dualModeMessageResponse } },
  handle: async (_input, caller) => {
    // Cabinet's DELETE /api/auth/sessions/{sessionId}, for the caller's current session.
    await deviceSessions.endCurrentSession(caller);
    return { status: 200, body: { message: 'Logged out successfully' } };
  },
});
