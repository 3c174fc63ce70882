// Seed 003's dialect (clinic creation, functions/dialects/clinic/dialect.ts): its routes under /compat/clinic, the
// seed's paths beneath, each translating to the use case Cabinet's own route calls (docs/migrating.md).

import {
  createClinicAnswer,
  createClinicInput,
  MESSAGES,
  registerRequestAnswer,
  registerRequestInput,
  requestView,
} from '#dialects/clinic/translate';
import { isRefusal } from '#domain/refusal';
import * as refusals from '#domain/refusals';
import { route } from '#http/route';
import {
  approveBody,
  createClinicBody,
  createClinicResponse,
  listQuery,
  registerRequestBody,
  registerRequestResponse,
  registrationRequestListResponse,
  registrationRequestResponse,
  rejectBody,
  reviewParams,
} from '#schemas/dialect-clinic';
import * as clinics from '#use-cases/clinics';
import * as joinRequests from '#use-cases/join-requests';
import * as registration from '#use-cases/registration';
import type { CognitoAction } from './types.ts';

/** What creating the clinic admin's account needs of Cognito (use-cases/accounts.ts withNewAccount). */
const CREATE_ACCOUNT: readonly CognitoAction[] = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminGetUser',
];

export const clinicCreateClinic = /* @__PURE__ */ route({
  dialect: 'clinic',
  method: 'POST',
  path: '/compat/clinic/functions/v1/create-clinic',
  function: 'platform',
  auth: 'superAdmin',
  tag: 'Clinics',
  summary:
    'Create a clinic with its temporary code (XXX-TEMP-XXXXXXXX-XXXX, valid validityHours) and its first admin, who is e-mailed a ' +
    'link to choose a password (an address that has an account is invited instead); never a password or link in the answer',
  body: createClinicBody,
  access: { table: 'readWrite', cognito: CREATE_ACCOUNT, email: true },
  idempotent: true,
  responses: { 201: { description: 'The clinic, its temporary code and its admin', schema: createClinicResponse } },
  problems: ['organisation-name-taken', 'temporary-code-taken', 'username-taken'],
  handle: async ({ body }, superAdmin) => {
    try {
      // Cabinet's platform creation (POST /api/platform/organisations), as a clinic: a join code that needs approval.
      const created = await clinics.createClinic(superAdmin, createClinicInput(body));
      return { status: 201, body: createClinicAnswer(created, body, superAdmin.userId) };
    } catch (error) {
      // The seed's field is clinicName.
      if (isRefusal(error, 'organisation-name-taken')) throw refusals.organisationNameTaken('clinicName', { cause: error });
      throw error;
    }
  },
});

export const clinicRegisterRequest = /* @__PURE__ */ route({
  dialect: 'clinic',
  method: 'POST',
  path: '/compat/clinic/api/auth/register-request',
  function: 'sessions',
  auth: 'public',
  tag: 'Auth',
  summary:
    "Ask to join a clinic with its code (permanent, or the temporary one before it expires): the account is created, blocked until an admin approves; the clinic's admins are e-mailed",
  body: registerRequestBody,
  throttle: 'registration',
  access: {
    table: 'readWrite',
    cognito: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminGetUser'],
    signIn: true,
    email: true,
  },
  responses: { 201: { description: 'The registration request, pending approval', schema: registerRequestResponse } },
  problems: ['organisation-not-found', 'too-many-requests', 'email-taken', 'organisation-full', 'password-policy'],
  handle: async ({ body, client }) => {
    // Cabinet's registration by join code (POST /api/auth/register, registrationType "join"); the security questions
    // stop at the schema.
    const { input, extras } = registerRequestInput(body);
    const registered = await registration.register(input, client, extras);
    return { status: 201, body: registerRequestAnswer(registered, input.email) };
  },
});

export const clinicListRegistrationRequests = /* @__PURE__ */ route({
  dialect: 'clinic',
  method: 'GET',
  path: '/compat/clinic/api/auth/registration-requests',
  function: 'member-read',
  auth: 'member',
  permission: 'join-requests:manage',
  tag: 'Auth',
  summary: "Your clinic's pending registration requests, oldest first, a page at a time (limit, cursor: nextCursor until null)",
  query: listQuery,
  access: { table: 'read' },
  responses: { 200: { description: 'A page of pending requests', schema: registrationRequestListResponse } },
  problems: ['invalid-cursor'],
  handle: async ({ query }, tenant) => {
    // Cabinet's GET /api/organisations/{id}/join-requests, the token's organisation, status PENDING.
    const page = await joinRequests.listJoinRequests(tenant, { status: 'PENDING', ...query });
    return {
      status: 200,
      body: {
        success: true,
        requests: page.items.map((request) => requestView(request, tenant.organisationId)),
        nextCursor: page.nextCursor,
      },
    };
  },
});

export const clinicApproveRegistrationRequest = /* @__PURE__ */ route({
  dialect: 'clinic',
  method: 'POST',
  path: '/compat/clinic/api/auth/registration-requests/{id}/approve',
  function: 'member-write',
  auth: 'member',
  permission: 'join-requests:manage',
  tag: 'Auth',
  summary: 'Approve a pending request of your clinic (no body; or {role}): the agent may sign in and is e-mailed',
  params: reviewParams,
  body: approveBody,
  access: { table: 'readWrite', email: true },
  responses: { 200: { description: 'Approved', schema: registrationRequestResponse } },
  problems: [
    'join-request-not-found',
    'join-request-not-pending',
    'join-request-membership-gone',
    'role-above-caller',
    'unknown-role',
    'organisation-full',
    'membership-changed',
  ],
  handle: async ({ params, body }, tenant) => {
    // Cabinet's POST /api/organisations/{id}/join-requests/{userId}/approve: a request id is its applicant's id.
    const approved = await joinRequests.approveJoinRequest(tenant, params.id, body?.role ? { role: body.role } : {});
    return { status: 200, body: { success: true, message: MESSAGES.approved, request: requestView(approved, tenant.organisationId) } };
  },
});

export const clinicRejectRegistrationRequest = /* @__PURE__ */ route({
  dialect: 'clinic',
  method: 'POST',
  path: '/compat/clinic/api/auth/registration-requests/{id}/reject',
  function: 'member-write',
  auth: 'member',
  permission: 'join-requests:manage',
  tag: 'Auth',
  summary: 'Reject a pending request of your clinic (no body; or {reason}, e-mailed to the agent)',
  params: reviewParams,
  body: rejectBody,
  access: { table: 'readWrite', email: true },
  responses: { 200: { description: 'Rejected', schema: registrationRequestResponse } },
  problems: ['join-request-not-found', 'join-request-not-pending', 'membership-changed'],
  handle: async ({ params, body }, tenant) => {
    // Cabinet's …/join-requests/{userId}/reject, whose reason is required: the seed sent none.
    const rejected = await joinRequests.rejectJoinRequest(tenant, params.id, { reason: body?.reason ?? MESSAGES.defaultRejection });
    return { status: 200, body: { success: true, message: MESSAGES.rejected, request: requestView(rejected, tenant.organisationId) } };
  },
});
