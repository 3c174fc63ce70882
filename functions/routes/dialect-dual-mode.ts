// Seed 002's dialect (dual-mode registration, functions/dialects/dual-mode/dialect.ts): its routes under
// /compat/dual-mode, the seed's paths beneath, each translating to the use case Cabinet's own route calls
// (docs/migrating.md). The public directory (numbers, listing) is use-cases/directory.ts.

import {
  cabinetRole,
  createInput,
  createOrganisationInput,
  DUAL_MODE_POLICY,
  joiner,
  organizationAnswer,
  updateOrganisationInput,
  userAnswer,
} from '#dialects/dual-mode/translate';
import * as refusals from '#domain/refusals';
import { route } from '#http/route';
import { pageQuery } from '#schemas/common';
import {
  dualModeCreateOrganizationBody,
  dualModeIdParams,
  dualModeLoginBody,
  dualModeLoginResponse,
  dualModeMeResponse,
  dualModeMessageResponse,
  dualModeOrganizationList,
  dualModeOrganizationResponse,
  dualModePendingResponse,
  dualModeRegisterBody,
  dualModeSessionResponse,
  dualModeUpdateMeBody,
  dualModeUpdateOrganizationBody,
} from '#schemas/dialect-dual-mode';
import * as deviceSessions from '#use-cases/device-sessions';
import * as directory from '#use-cases/directory';
import * as organisations from '#use-cases/organisations';
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

export const dualModeListOrganizations = /* @__PURE__ */ route({
  dialect: 'dual-mode',
  method: 'GET',
  path: '/compat/dual-mode/api/organizations',
  function: 'sessions',
  auth: 'public',
  tag: 'Organizations',
  summary:
    'The public list of organizations (the registration dropdown): listed ones only, by numeric id and name, a page at a time (limit, cursor); rate limited per client',
  query: pageQuery,
  // The per-client counter is a write.
  access: { table: 'readWrite' },
  responses: { 200: { description: 'One page of listed organizations', schema: dualModeOrganizationList } },
  problems: ['too-many-requests', 'invalid-cursor'],
  handle: async ({ query, client }) => {
    // One Query of the directory's index partition per page (use-cases/directory.ts): no contact details, no licence.
    const page = await directory.publicDirectory(client, query);
    return {
      status: 200,
      body: {
        organizations: page.items.map((entry) => ({ id: entry.number, name: entry.nom })),
        total: page.items.length,
        nextCursor: page.nextCursor,
      },
    };
  },
});

export const dualModeGetOrganization = /* @__PURE__ */ route({
  dialect: 'dual-mode',
  method: 'GET',
  path: '/compat/dual-mode/api/organizations/{id}',
  function: 'member-read',
  auth: 'member',
  tag: 'Organizations',
  summary: "Your organization, by its numeric id (another organization's id is 404)",
  params: dualModeIdParams,
  access: { table: 'read' },
  responses: { 200: { description: 'The organization', schema: dualModeOrganizationResponse } },
  problems: ['organisation-not-found'],
  handle: async ({ params }, tenant) => {
    // Cabinet's GET /api/organisations/{id}, for the token's organisation when the id is its number.
    const [entry, { organisation }] = await Promise.all([
      directory.ownEntry(tenant, Number(params.id)),
      organisations.getOrganisationWith(tenant),
    ]);
    return { status: 200, body: { organization: organizationAnswer(organisation, entry.number, entry.listed) } };
  },
});

export const dualModeCreateOrganization = /* @__PURE__ */ route({
  dialect: 'dual-mode',
  method: 'POST',
  path: '/compat/dual-mode/api/organizations',
  function: 'member-write',
  auth: 'user',
  tag: 'Organizations',
  summary: "Create an organization (you become its admin): a numeric id, the seed's roles, listed in the public list",
  body: dualModeCreateOrganizationBody,
  access: { table: 'readWrite' },
  idempotent: true,
  responses: { 201: { description: 'Created', schema: dualModeOrganizationResponse } },
  problems: ['profile-required', 'organisation-name-taken', 'license-number-taken', 'too-many-requests'],
  handle: async ({ body, client }, caller) => {
    // Cabinet's POST /api/organisations, with the directory's number, roles and join policy.
    const { organisation, record } = await organisations.createOrganisationWith(
      caller,
      createOrganisationInput(body),
      client,
      directory.directoryOrganisation(DUAL_MODE_POLICY),
    );
    if (record.number === undefined) throw new Error('A directory organisation has a number');
    return { status: 201, body: { organization: organizationAnswer(organisation, record.number, true) } };
  },
});

export const dualModeUpdateOrganization = /* @__PURE__ */ route({
  dialect: 'dual-mode',
  method: 'PATCH',
  path: '/compat/dual-mode/api/organizations/{id}',
  function: 'member-write',
  auth: 'member',
  permission: 'organisation:manage',
  tag: 'Organizations',
  summary:
    "Change your organization: name, country, licenseNumber, contactInfo (null clears them), and listed (false takes it out of the public list); the plan is the platform's",
  params: dualModeIdParams,
  body: dualModeUpdateOrganizationBody,
  access: { table: 'readWrite' },
  responses: { 200: { description: 'Updated', schema: dualModeOrganizationResponse } },
  problems: ['organisation-not-found', 'organisation-name-taken', 'license-number-taken', 'organisation-changed', 'organisation-inactive'],
  handle: async ({ params, body }, tenant) => {
    // Cabinet's PATCH /api/organisations/{id}; listing or unlisting commits in the same transaction.
    const entry = await directory.ownEntry(tenant, Number(params.id));
    const { organisation } = await organisations.updateOrganisationWith(
      tenant,
      updateOrganisationInput(body),
      directory.listingChange(entry, body.listed),
    );
    return { status: 200, body: { organization: organizationAnswer(organisation, entry.number, body.listed ?? entry.listed) } };
  },
});

export const dualModeDeleteOrganization = /* @__PURE__ */ route({
  dialect: 'dual-mode',
  method: 'DELETE',
  path: '/compat/dual-mode/api/organizations/{id}',
  // 'user' as Cabinet's DELETE: the use case applies the member checks itself.
  function: 'member-write',
  auth: 'user',
  useCasePermission: 'organisation:manage',
  tag: 'Organizations',
  summary: "Delete your organization: its data goes, its members' accounts stay (without this membership)",
  params: dualModeIdParams,
  access: { table: 'readWrite' },
  responses: { 200: { description: 'Deletion under way', schema: dualModeMessageResponse } },
  problems: [
    'organisation-not-found',
    'membership-inactive',
    'organisation-suspended',
    'organisation-being-deleted',
    'permission-denied',
    'mfa-required',
    'organisation-changed',
  ],
  handle: async ({ params }, caller) => {
    // Cabinet's DELETE /api/organisations/{id}: a job that one transaction starts; members lose access at once.
    await organisations.deleteOrganisation(caller, await directory.organisationIdByNumber(Number(params.id)));
    return { status: 200, body: { message: 'Organization deleted successfully' } };
  },
});
