// Ways in by code: public registration (create an organisation, or join one with its 10-digit code), the join
// code's management by the organisation's admins, and the review of join requests when a code needs approval.
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
import type { RouteDef } from './types.ts';

export const register = {
  method: 'POST',
  path: '/api/auth/register',
  handler: 'registration/register',
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
} as const satisfies RouteDef;

export const getJoinCode = {
  method: 'GET',
  path: '/api/organisations/{id}/join-code',
  handler: 'registration/get-join-code',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  permission: 'organisation:manage',
  tag: 'Join codes',
  summary: "The organisation's join code and its policy",
  params: idParams,
  access: { table: 'read' },
  responses: { 200: { description: 'The join code', schema: joinCodeResponse } },
} as const satisfies RouteDef;

export const updateJoinCode = {
  method: 'PATCH',
  path: '/api/organisations/{id}/join-code',
  handler: 'registration/update-join-code',
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
} as const satisfies RouteDef;

export const rotateJoinCode = {
  method: 'POST',
  path: '/api/organisations/{id}/join-code/rotate',
  handler: 'registration/rotate-join-code',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'organisation:manage',
  tag: 'Join codes',
  summary: 'Replace the join code with a new random one: the old code stops working at once and the use count restarts',
  params: idParams,
  access: { table: 'readWrite' },
  responses: { 200: { description: 'The new join code', schema: joinCodeResponse } },
} as const satisfies RouteDef;

export const listJoinRequests = {
  method: 'GET',
  path: '/api/organisations/{id}/join-requests',
  handler: 'registration/list-join-requests',
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
} as const satisfies RouteDef;

export const approveJoinRequest = {
  method: 'POST',
  path: '/api/organisations/{id}/join-requests/{userId}/approve',
  handler: 'registration/approve-join-request',
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
} as const satisfies RouteDef;

export const rejectJoinRequest = {
  method: 'POST',
  path: '/api/organisations/{id}/join-requests/{userId}/reject',
  handler: 'registration/reject-join-request',
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
} as const satisfies RouteDef;

export const joinOrganisation = {
  method: 'POST',
  path: '/api/auth/join-organisation',
  handler: 'registration/join-organisation',
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
} as const satisfies RouteDef;

/** The area's routes, in table order (routes.ts gathers the areas). */
export const registrationRoutes = {
  register,
  joinOrganisation,
  getJoinCode,
  updateJoinCode,
  rotateJoinCode,
  listJoinRequests,
  approveJoinRequest,
  rejectJoinRequest,
} as const satisfies Record<string, RouteDef>;
