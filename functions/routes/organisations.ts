// Organisation routes: the caller's organisations, creating, reading, updating and deleting one, switching the
// token's organisation, the audit trail and support access.

import { AUDIT_COLUMNS } from '#domain/audit-export';
import { auditPageReply } from '#http/audit-export';
import { route } from '#http/route';
import {
  auditListResponse,
  auditQuery,
  createOrganisationBody,
  grantSupportAccessBody,
  organisationDeletionResponse,
  organisationListResponse,
  organisationParams,
  organisationResponse,
  supportAccessResponse,
  switchOrganisationBody,
  switchOrganisationResponse,
  updateOrganisationBody,
} from '#schemas/organisations';
import * as audit from '#use-cases/audit';
import * as leave from '#use-cases/leave';
import * as organisations from '#use-cases/organisations';
import * as supportAccess from '#use-cases/support-access';
import * as switching from '#use-cases/switch-organisation';

export const listOrganisations = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/organisations',
  function: 'member-read',
  auth: 'user',
  tag: 'Organisations',
  summary: "The caller's memberships with their organisations (the join code where the role may manage the organisation)",
  access: { table: 'read' },
  responses: {
    200: { description: 'Every organisation the caller belongs to', schema: organisationListResponse },
  },
  handle: async (_input, caller) => ({
    status: 200,
    body: await organisations.listMyOrganisations(caller),
  }),
});

export const createOrganisation = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/organisations',
  function: 'member-write',
  auth: 'user',
  tag: 'Organisations',
  summary: 'Create another organisation; the caller becomes its ADMIN (a 10-digit join code is generated)',
  body: createOrganisationBody,
  access: { table: 'readWrite' },
  idempotent: true,
  responses: { 201: { description: 'Created', schema: organisationResponse } },
  problems: ['profile-required', 'organisation-name-taken', 'license-number-taken', 'too-many-requests'],
  handle: async ({ body, client }, caller) => ({
    status: 201,
    body: await organisations.createOrganisation(caller, body, client),
  }),
});

export const getOrganisation = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/organisations/{id}',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  tag: 'Organisations',
  summary: "The token's organisation (the join code only with organisation:manage)",
  params: organisationParams,
  access: { table: 'read' },
  responses: { 200: { description: 'The organisation', schema: organisationResponse } },
  handle: async (_input, tenant) => ({
    status: 200,
    body: await organisations.getOrganisation(tenant),
  }),
});

export const updateOrganisation = /* @__PURE__ */ route({
  method: 'PATCH',
  path: '/api/organisations/{id}',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'organisation:manage',
  tag: 'Organisations',
  summary:
    'Rename (the name and slug guards move in the same transaction), describe, set country, licence number and contact details, or mfaRequired (members without TOTP MFA then get 403 mfa-required; only an admin with MFA on may require it); the plan (subscriptionTier, maxUsers) is refused: the platform sets it',
  params: organisationParams,
  body: updateOrganisationBody,
  access: { table: 'readWrite' },
  responses: { 200: { description: 'Updated', schema: organisationResponse } },
  problems: ['organisation-name-taken', 'license-number-taken', 'organisation-changed', 'organisation-inactive'],
  handle: async ({ body }, tenant) => ({
    status: 200,
    body: await organisations.updateOrganisation(tenant, body),
  }),
});

export const deleteOrganisation = /* @__PURE__ */ route({
  // 'user', not 'member': once the organisation is DELETING every member token is refused, yet its requester may
  // still ask how it stands. The use case applies the member checks itself (see use-cases/organisations.ts).
  method: 'DELETE',
  path: '/api/organisations/{id}',
  function: 'member-write',
  auth: 'user',
  useCasePermission: 'organisation:manage',
  tag: 'Organisations',
  summary:
    "Delete the organisation, all its items and guards, as a job: 202 at once, its members lose access at once, a worker purges it; its members' accounts stay (those whose current organisation it was get tokens without organisation)",
  params: organisationParams,
  // One transaction (DELETING, the audit entry, the job): the purge is the deletion worker's (jobs/organisation-deletion).
  access: { table: 'readWrite' },
  responses: { 202: { description: 'Deletion under way', schema: organisationDeletionResponse } },
  problems: [
    'organisation-not-found',
    'membership-inactive',
    'organisation-suspended',
    'organisation-being-deleted',
    'permission-denied',
    'mfa-required',
    'organisation-changed',
  ],
  handle: async ({ params }, caller) => ({
    status: 202,
    body: await organisations.deleteOrganisation(caller, params.id),
  }),
});

export const switchOrganisation = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/switch-organisation',
  function: 'sessions',
  auth: 'user',
  tag: 'Auth',
  summary:
    "Get a token for another organisation the caller is an ACTIVE member of, through the caller's own app client (api or web); nothing changes unless the token is issued",
  body: switchOrganisationBody,
  access: { table: 'readWrite', signIn: true },
  responses: { 200: { description: 'A token for that organisation', schema: switchOrganisationResponse } },
  problems: ['not-an-active-member', 'mfa-required', 'refresh-token-not-yours', 'invalid-refresh-token', 'account-not-found'],
  handle: async ({ body }, caller) => ({
    status: 200,
    body: await switching.switchOrganisation(caller, body.organisationId, body.refreshToken),
  }),
});

export const leaveOrganisation = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/organisations/{id}/leave',
  function: 'member-write',
  // 'user': any of the caller's organisations, not only the token's, and whatever the membership's state.
  auth: 'user',
  tag: 'Organisations',
  summary:
    "Leave one of your organisations (any of them, not only the token's; a pending request is withdrawn); the last ACTIVE ADMIN cannot leave",
  params: organisationParams,
  access: { table: 'readWrite' },
  responses: { 204: { description: 'Left' } },
  problems: ['organisation-not-found', 'last-admin', 'membership-changed'],
  handle: async ({ params }, caller) => {
    await leave.leaveOrganisation(caller, params.id);
    return { status: 204 };
  },
});

export const listAudit = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/organisations/{id}/audit',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  permission: 'audit:read',
  tag: 'Organisations',
  summary:
    "The organisation's audit trail, newest first, paginated; from/to (a date or UTC time, inclusive) filter it; Accept: text/csv or application/x-ndjson answers the page as a file, the next one in Link",
  params: organisationParams,
  query: auditQuery,
  access: { table: 'read' },
  responses: {
    200: {
      description: 'A page of audit entries',
      schema: auditListResponse,
      exports: ['text/csv', 'application/x-ndjson'],
      headers: ['Link'],
    },
  },
  problems: ['invalid-cursor'],
  handle: async ({ query, event }, tenant) => auditPageReply(event, await audit.listAuditTrail(tenant, query), AUDIT_COLUMNS),
});

export const getSupportAccess = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/organisations/{id}/support-access',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  permission: 'support-access:manage',
  tag: 'Organisations',
  summary: 'The platform support grant, if any, and whether it is active now',
  params: organisationParams,
  access: { table: 'read' },
  responses: { 200: { description: 'The grant', schema: supportAccessResponse } },
  handle: async (_input, tenant) => ({
    status: 200,
    body: await supportAccess.getSupportAccess(tenant),
  }),
});

export const grantSupportAccess = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/organisations/{id}/support-access',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'support-access:manage',
  tag: 'Organisations',
  summary: "Let platform super-admins read the organisation's patients for 1 to 24 hours (replaces any current grant)",
  params: organisationParams,
  body: grantSupportAccessBody,
  access: { table: 'readWrite' },
  responses: { 201: { description: 'Granted', schema: supportAccessResponse } },
  problems: ['organisation-inactive'],
  handle: async ({ body }, tenant) => ({
    status: 201,
    body: await supportAccess.grantSupportAccess(tenant, body),
  }),
});

export const revokeSupportAccess = /* @__PURE__ */ route({
  method: 'DELETE',
  path: '/api/organisations/{id}/support-access',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'support-access:manage',
  tag: 'Organisations',
  summary: 'Revoke the active support grant',
  params: organisationParams,
  access: { table: 'readWrite' },
  responses: { 204: { description: 'Revoked' } },
  problems: ['no-active-support-access', 'organisation-inactive'],
  handle: async (_input, tenant) => {
    await supportAccess.revokeSupportAccess(tenant);
    return { status: 204 };
  },
});
