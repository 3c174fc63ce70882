// Ways in by code: public registration (create an organisation, or join one with its 10-digit code), the join
// code's management by the organisation's admins, and the review of join requests when a code needs approval.

import { route } from '#http/route';
import { idParams } from '#schemas/common';
import {
  approveJoinRequestBody,
  joinCodeResponse,
  joinedOrganisationResponse,
  joinOrganisationBody,
  joinRequestListResponse,
  joinRequestParams,
  joinRequestResponse,
  listJoinRequestsQuery,
  pendingRegistrationResponse,
  registerBody,
  registeredResponse,
  rejectJoinRequestBody,
  updateJoinCodeBody,
} from '#schemas/registration';
import * as joinCodes from '#use-cases/join-codes';
import * as joinRequests from '#use-cases/join-requests';
import * as registration from '#use-cases/registration';
import * as sessionReplay from '#use-cases/session-replay';

export const register = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/register',
  function: 'sessions',
  auth: 'public',
  tag: 'Auth',
  summary:
    'Register: create an organisation (registrationType "create", you become its ADMIN), join one with its 10-digit code ("join"), or an account without organisation ("account"); optional profile fields; a verification link is sent to the email',
  body: registerBody,
  throttle: 'registration',
  access: {
    table: 'readWrite',
    cognito: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminGetUser'],
    signIn: true,
    email: true,
  },
  idempotent: true,
  responses: {
    201: {
      description:
        "Registered and signed in (create: as ADMIN of the new organisation; join: with the code's role; account: organisation null)",
      schema: registeredResponse,
    },
    202: {
      description: 'Join request recorded: the organisation requires approval, no token until an admin approves',
      schema: pendingRegistrationResponse,
    },
  },
  problems: [
    'organisation-not-found',
    'too-many-requests',
    'email-taken',
    'organisation-name-taken',
    'license-number-taken',
    'organisation-full',
    'password-policy',
  ],
  handle: async ({ body, client }) => {
    const result = await registration.register(body, client);
    return result.outcome === 'session' ? { status: 201, body: result.session } : { status: 202, body: result.pending };
  },
  replay: { signIn: ({ body }) => sessionReplay.freshSession(body.email, body.password) },
});

export const joinOrganisation = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/join-organisation',
  function: 'member-write',
  auth: 'user',
  tag: 'Auth',
  summary: 'Join another organisation with its 10-digit code, as the signed-in user (switch-organisation then gives a token for it)',
  body: joinOrganisationBody,
  access: { table: 'readWrite', email: true },
  responses: {
    201: { description: "Joined: an ACTIVE membership with the code's role", schema: joinedOrganisationResponse },
    202: { description: 'Join request recorded: the organisation requires approval', schema: joinedOrganisationResponse },
  },
  problems: [
    'organisation-not-found',
    'too-many-requests',
    'already-member',
    'join-request-exists',
    'organisation-full',
    'account-not-found',
  ],
  handle: async ({ body, client }, caller) => {
    const joined = await registration.joinWithCode(caller, body.organisationCode, client);
    return { status: joined.membership.status === 'ACTIVE' ? 201 : 202, body: joined };
  },
});

export const getJoinCode = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/organisations/{id}/join-code',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  permission: 'organisation:manage',
  tag: 'Join codes',
  summary: "The organisation's join code and its policy",
  params: idParams,
  access: { table: 'read' },
  responses: { 200: { description: 'The join code', schema: joinCodeResponse } },
  handle: async (_input, tenant) => ({
    status: 200,
    body: await joinCodes.getJoinCode(tenant),
  }),
});

export const updateJoinCode = /* @__PURE__ */ route({
  method: 'PATCH',
  path: '/api/organisations/{id}/join-code',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'organisation:manage',
  tag: 'Join codes',
  summary:
    'Enable or disable the join code, set its expiry, maximum uses, role (only a role without any management permission: never ADMIN, nor a custom role holding a …:manage permission) and whether joining needs approval (null clears expiresAt / maxUses)',
  params: idParams,
  body: updateJoinCodeBody,
  access: { table: 'readWrite' },
  responses: { 200: { description: 'The updated join code', schema: joinCodeResponse } },
  problems: ['role-above-caller', 'unknown-role', 'role-not-grantable-by-code'],
  handle: async ({ body }, tenant) => ({
    status: 200,
    body: await joinCodes.updateJoinCode(tenant, body),
  }),
});

export const rotateJoinCode = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/organisations/{id}/join-code/rotate',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'organisation:manage',
  tag: 'Join codes',
  summary: 'Replace the join code with a new random one: the old code stops working at once and the use count restarts',
  params: idParams,
  access: { table: 'readWrite' },
  responses: { 200: { description: 'The new join code', schema: joinCodeResponse } },
  handle: async (_input, tenant) => ({
    status: 200,
    body: await joinCodes.rotateJoinCode(tenant),
  }),
});

export const listJoinRequests = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/organisations/{id}/join-requests',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  permission: 'join-requests:manage',
  tag: 'Join requests',
  summary: 'List join requests in one status (default PENDING), oldest first, paginated',
  params: idParams,
  query: listJoinRequestsQuery,
  access: { table: 'read' },
  responses: { 200: { description: 'A page of join requests', schema: joinRequestListResponse } },
  problems: ['invalid-cursor'],
  handle: async ({ query }, tenant) => ({
    status: 200,
    body: await joinRequests.listJoinRequests(tenant, query),
  }),
});

export const approveJoinRequest = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/organisations/{id}/join-requests/{userId}/approve',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'join-requests:manage',
  tag: 'Join requests',
  summary: 'Approve a pending join request, with the requested role or another one the caller may grant (body {} keeps the requested role)',
  params: joinRequestParams,
  body: approveJoinRequestBody,
  access: { table: 'readWrite', email: true },
  responses: {
    200: { description: 'Approved: the user is an ACTIVE member from their next sign-in', schema: joinRequestResponse },
  },
  problems: [
    'join-request-not-found',
    'join-request-not-pending',
    'join-request-membership-gone',
    'role-above-caller',
    'unknown-role',
    'organisation-full',
    'membership-changed',
  ],
  handle: async ({ params, body }, tenant) => ({
    status: 200,
    body: await joinRequests.approveJoinRequest(tenant, params.userId, body),
  }),
});

export const rejectJoinRequest = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/organisations/{id}/join-requests/{userId}/reject',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'join-requests:manage',
  tag: 'Join requests',
  summary: 'Reject a pending join request with a reason (recorded on the request and in the audit trail)',
  params: joinRequestParams,
  body: rejectJoinRequestBody,
  access: { table: 'readWrite', email: true },
  responses: { 200: { description: 'Rejected', schema: joinRequestResponse } },
  problems: ['join-request-not-found', 'join-request-not-pending', 'membership-changed'],
  handle: async ({ params, body }, tenant) => ({
    status: 200,
    body: await joinRequests.rejectJoinRequest(tenant, params.userId, body),
  }),
});
