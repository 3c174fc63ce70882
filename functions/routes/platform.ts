// Platform routes: for platform super-admins only (a DynamoDB marker item, checked on every request; never a claim).
// Super-admins themselves are created by `npm run create-super-admin`, never through the API.

import { PLATFORM_AUDIT_COLUMNS } from '#domain/audit-export';
import { auditPageReply } from '#http/audit-export';
import { route } from '#http/route';
import { idParams, pageQuery } from '#schemas/common';
import {
  createdPlatformOrganisation,
  createPlatformOrganisationBody,
  metricsQuery,
  metricsResponse,
  organisationPatientParams,
  platformAccountInvitedResponse,
  platformAddMemberBody,
  platformAuditListResponse,
  platformAuditQuery,
  platformMemberCreatedResponse,
  platformMemberListResponse,
  platformMemberParams,
  platformMemberResponse,
  platformOrganisationDetail,
  platformOrganisationList,
  platformOrganisationResponse,
  platformUpdateMemberBody,
  supportPatientListResponse,
  supportPatientResponse,
  updatePlatformOrganisationBody,
} from '#schemas/platform';
import * as platform from '#use-cases/platform';
import type { CognitoAction } from './types.ts';

/** What creating a person's account needs of Cognito (use-cases/accounts.ts withNewAccount: orphan check included). */
const CREATE_ACCOUNT: readonly CognitoAction[] = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminGetUser',
];

export const platformListOrganisations = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/platform/organisations',
  function: 'platform',
  auth: 'superAdmin',
  tag: 'Platform',
  summary: 'List every organisation, newest first, paginated',
  query: pageQuery,
  access: { table: 'read' },
  responses: { 200: { description: 'A page of organisations', schema: platformOrganisationList } },
  problems: ['invalid-cursor'],
  handle: async ({ query }) => ({
    status: 200,
    body: await platform.listOrganisations(query),
  }),
});

export const platformCreateOrganisation = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/platform/organisations',
  function: 'platform',
  auth: 'superAdmin',
  tag: 'Platform',
  summary: 'Create an organisation with no member and invite its first ADMIN by email (the one-time link is e-mailed, never returned)',
  body: createPlatformOrganisationBody,
  access: { table: 'readWrite', email: true },
  idempotent: true,
  responses: {
    201: { description: 'Organisation and ADMIN invitation created', schema: createdPlatformOrganisation },
  },
  problems: ['organisation-name-taken', 'license-number-taken'],
  handle: async ({ body }, superAdmin) => ({
    status: 201,
    body: await platform.createOrganisation(superAdmin, body),
  }),
});

export const platformGetOrganisation = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/platform/organisations/{id}',
  function: 'platform',
  auth: 'superAdmin',
  tag: 'Platform',
  summary: 'Get one organisation; while it is being deleted, status DELETING and the items purged so far (404 once it is gone)',
  params: idParams,
  access: { table: 'read' },
  responses: { 200: { description: 'The organisation', schema: platformOrganisationDetail } },
  problems: ['organisation-not-found'],
  handle: async ({ params }) => ({ status: 200, body: await platform.getOrganisation(params.id) }),
});

export const platformUpdateOrganisation = /* @__PURE__ */ route({
  method: 'PATCH',
  path: '/api/platform/organisations/{id}',
  function: 'platform',
  auth: 'superAdmin',
  tag: 'Platform',
  summary:
    "Set an organisation's plan (subscriptionTier, maxUsers) and rename or describe it; the name guards move in the same transaction (audited in both trails)",
  params: idParams,
  body: updatePlatformOrganisationBody,
  access: { table: 'readWrite' },
  responses: { 200: { description: 'Updated', schema: platformOrganisationResponse } },
  problems: ['organisation-not-found', 'organisation-name-taken', 'max-users-below-members', 'organisation-changed'],
  handle: async ({ params, body }, superAdmin) => ({
    status: 200,
    body: await platform.updateOrganisation(superAdmin, params.id, body),
  }),
});

export const platformSuspendOrganisation = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/platform/organisations/{id}/suspend',
  function: 'platform',
  auth: 'superAdmin',
  tag: 'Platform',
  summary: 'Suspend an organisation: its members get 403 on every member route',
  params: idParams,
  access: { table: 'readWrite' },
  responses: { 200: { description: 'Suspended', schema: platformOrganisationResponse } },
  problems: ['organisation-not-found', 'organisation-status-conflict'],
  handle: async ({ params }, superAdmin) => ({
    status: 200,
    body: await platform.setOrganisationStatus(superAdmin, params.id, 'SUSPENDED'),
  }),
});

export const platformReactivateOrganisation = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/platform/organisations/{id}/reactivate',
  function: 'platform',
  auth: 'superAdmin',
  tag: 'Platform',
  summary: 'Reactivate a suspended organisation',
  params: idParams,
  access: { table: 'readWrite' },
  responses: { 200: { description: 'Active again', schema: platformOrganisationResponse } },
  problems: ['organisation-not-found', 'organisation-status-conflict'],
  handle: async ({ params }, superAdmin) => ({
    status: 200,
    body: await platform.setOrganisationStatus(superAdmin, params.id, 'ACTIVE'),
  }),
});

export const platformSupportListPatients = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/platform/organisations/{id}/patients',
  function: 'platform',
  auth: 'superAdmin',
  tag: 'Platform',
  summary: "Support access: list an organisation's patients while it grants support access (each access is audited)",
  params: idParams,
  query: pageQuery,
  // readWrite: every read writes its audit entry in the organisation's partition.
  access: { table: 'readWrite' },
  responses: { 200: { description: 'A page of patients', schema: supportPatientListResponse } },
  problems: ['organisation-not-found', 'support-access-not-granted', 'invalid-cursor'],
  handle: async ({ params, query }, superAdmin) => ({
    status: 200,
    body: await platform.supportListPatients(superAdmin, params.id, query),
  }),
});

export const platformSupportGetPatient = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/platform/organisations/{id}/patients/{patientId}',
  function: 'platform',
  auth: 'superAdmin',
  tag: 'Platform',
  summary: 'Support access: read one patient while the organisation grants support access (each access is audited)',
  params: organisationPatientParams,
  access: { table: 'readWrite' },
  responses: { 200: { description: 'The patient', schema: supportPatientResponse } },
  problems: ['organisation-not-found', 'support-access-not-granted', 'patient-not-found'],
  handle: async ({ params }, superAdmin) => ({
    status: 200,
    body: await platform.supportGetPatient(superAdmin, params.id, params.patientId),
  }),
});

export const platformListMembers = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/platform/organisations/{id}/members',
  function: 'platform',
  auth: 'superAdmin',
  tag: 'Platform',
  summary: 'List the members of any organisation, paginated (cursors valid for this list only)',
  params: idParams,
  query: pageQuery,
  access: { table: 'read' },
  responses: { 200: { description: 'A page of members', schema: platformMemberListResponse } },
  problems: ['organisation-not-found', 'invalid-cursor'],
  handle: async ({ params, query }, superAdmin) => ({
    status: 200,
    body: await platform.listMembers(superAdmin, params.id, query),
  }),
});

export const platformAddMember = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/platform/organisations/{id}/members',
  function: 'platform',
  auth: 'superAdmin',
  tag: 'Platform',
  summary:
    "Create a person's account in any organisation ({email, nom, prenom, role}): member at once, a single-use set-password link (72 h) " +
    'e-mailed to the address, never a password; an existing account (that username or verified address) is invited instead (202)',
  params: idParams,
  body: platformAddMemberBody,
  access: { table: 'readWrite', cognito: CREATE_ACCOUNT, email: true },
  idempotent: true,
  responses: {
    201: { description: 'A new account, member at once; its set-password link was e-mailed', schema: platformMemberCreatedResponse },
    202: { description: 'An existing account is invited: it becomes a member once it accepts', schema: platformAccountInvitedResponse },
  },
  problems: [
    'organisation-not-found',
    'organisation-inactive',
    'unknown-role',
    'already-member',
    'username-taken',
    'organisation-full',
    'too-many-requests',
  ],
  handle: async ({ params, body, client }, superAdmin) => {
    const added = await platform.addMember(superAdmin, params.id, body, client);
    return added.outcome === 'added'
      ? { status: 201, body: { member: added.member, setPasswordLink: added.setPasswordLink } }
      : { status: 202, body: { invitation: added.invitation } };
  },
});

export const platformUpdateMember = /* @__PURE__ */ route({
  method: 'PATCH',
  path: '/api/platform/organisations/{id}/members/{userId}',
  function: 'platform',
  auth: 'superAdmin',
  tag: 'Platform',
  summary: "Change a member's role and/or status in any organisation, with the same invariants as the organisation's own route",
  params: platformMemberParams,
  body: platformUpdateMemberBody,
  access: { table: 'readWrite' },
  responses: { 200: { description: 'Updated', schema: platformMemberResponse } },
  problems: [
    'organisation-not-found',
    'member-not-found',
    'membership-awaiting-approval',
    'cannot-change-own-membership',
    'unknown-role',
    'organisation-full',
    'last-admin',
    'membership-changed',
  ],
  handle: async ({ params, body }, superAdmin) => ({
    status: 200,
    body: await platform.updateMember(superAdmin, params.id, params.userId, body),
  }),
});

export const platformListAudit = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/platform/audit',
  function: 'platform',
  auth: 'superAdmin',
  tag: 'Platform',
  summary:
    'The platform trail, newest first, paginated: every platform action and every organisation deletion; from/to filter it, Accept: text/csv or application/x-ndjson exports it',
  query: platformAuditQuery,
  access: { table: 'read' },
  responses: {
    200: {
      description: 'A page of platform audit entries',
      schema: platformAuditListResponse,
      exports: ['text/csv', 'application/x-ndjson'],
      headers: ['Link'],
    },
  },
  problems: ['invalid-cursor'],
  handle: async ({ query, event }) => auditPageReply(event, await platform.listAudit(query), PLATFORM_AUDIT_COLUMNS),
});

export const platformMetrics = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/platform/metrics',
  function: 'platform',
  auth: 'superAdmin',
  tag: 'Platform',
  summary:
    'KPIs by month (from, to: YYYY-MM, at most 24 months; the last 12 by default): organisations, invitations, join requests and the median time to approval, failed sign-ins, orphan accounts',
  query: metricsQuery,
  access: { table: 'read' },
  responses: { 200: { description: 'The figures of each month, their totals, and what is pending now', schema: metricsResponse } },
  handle: async ({ query }) => ({
    status: 200,
    body: await platform.metrics(query),
  }),
});
