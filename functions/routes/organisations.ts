// Organisation routes: the caller's organisations, creating, reading, updating and deleting one, switching the
// token's organisation, the audit trail and support access.
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
import type { RouteDef } from './types.ts';

export const listOrganisations = {
  method: 'GET',
  path: '/api/organisations',
  handler: 'organisations/list-organisations',
  function: 'member-read',
  auth: 'user',
  tag: 'Organisations',
  summary: "The caller's memberships with their organisations (the join code where the role may manage the organisation)",
  access: { table: 'read' },
  responses: {
    200: { description: 'Every organisation the caller belongs to', schema: organisationListResponse },
  },
} as const satisfies RouteDef;

export const createOrganisation = {
  method: 'POST',
  path: '/api/organisations',
  handler: 'organisations/create-organisation',
  function: 'member-write',
  auth: 'user',
  tag: 'Organisations',
  summary: 'Create another organisation; the caller becomes its ADMIN (a 10-digit join code is generated)',
  body: createOrganisationBody,
  access: { table: 'readWrite' },
  idempotent: true,
  responses: { 201: { description: 'Created', schema: organisationResponse } },
  problems: ['profile-required', 'organisation-name-taken', 'license-number-taken', 'too-many-requests'],
} as const satisfies RouteDef;

export const getOrganisation = {
  method: 'GET',
  path: '/api/organisations/{id}',
  handler: 'organisations/get-organisation',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  tag: 'Organisations',
  summary: "The token's organisation (the join code only with organisation:manage)",
  params: organisationParams,
  access: { table: 'read' },
  responses: { 200: { description: 'The organisation', schema: organisationResponse } },
} as const satisfies RouteDef;

export const updateOrganisation = {
  method: 'PATCH',
  path: '/api/organisations/{id}',
  handler: 'organisations/update-organisation',
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
} as const satisfies RouteDef;

export const deleteOrganisation = {
  // 'user', not 'member': once the organisation is DELETING every member token is refused, yet its requester may
  // still ask how it stands. The use case applies the member checks itself (see use-cases/organisations.ts).
  method: 'DELETE',
  path: '/api/organisations/{id}',
  handler: 'organisations/delete-organisation',
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
} as const satisfies RouteDef;

export const switchOrganisation = {
  method: 'POST',
  path: '/api/auth/switch-organisation',
  handler: 'organisations/switch-organisation',
  function: 'sessions',
  auth: 'user',
  tag: 'Auth',
  summary:
    "Get a token for another organisation the caller is an ACTIVE member of, through the caller's own app client (api or web); nothing changes unless the token is issued",
  body: switchOrganisationBody,
  access: { table: 'readWrite', signIn: true },
  responses: { 200: { description: 'A token for that organisation', schema: switchOrganisationResponse } },
  problems: ['not-an-active-member', 'mfa-required', 'refresh-token-not-yours', 'invalid-refresh-token', 'account-not-found'],
} as const satisfies RouteDef;

export const leaveOrganisation = {
  method: 'POST',
  path: '/api/organisations/{id}/leave',
  handler: 'organisations/leave-organisation',
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
} as const satisfies RouteDef;

export const listAudit = {
  method: 'GET',
  path: '/api/organisations/{id}/audit',
  handler: 'organisations/list-audit',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  permission: 'audit:read',
  tag: 'Organisations',
  summary: "The organisation's audit trail, newest first, paginated",
  params: organisationParams,
  query: auditQuery,
  access: { table: 'read' },
  responses: { 200: { description: 'A page of audit entries', schema: auditListResponse } },
  problems: ['invalid-cursor'],
} as const satisfies RouteDef;

export const getSupportAccess = {
  method: 'GET',
  path: '/api/organisations/{id}/support-access',
  handler: 'organisations/get-support-access',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  permission: 'support-access:manage',
  tag: 'Organisations',
  summary: 'The platform support grant, if any, and whether it is active now',
  params: organisationParams,
  access: { table: 'read' },
  responses: { 200: { description: 'The grant', schema: supportAccessResponse } },
} as const satisfies RouteDef;

export const grantSupportAccess = {
  method: 'POST',
  path: '/api/organisations/{id}/support-access',
  handler: 'organisations/grant-support-access',
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
} as const satisfies RouteDef;

export const revokeSupportAccess = {
  method: 'DELETE',
  path: '/api/organisations/{id}/support-access',
  handler: 'organisations/revoke-support-access',
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
} as const satisfies RouteDef;

/** The area's routes, in table order (routes.ts gathers the areas). */
export const organisationsRoutes = {
  listOrganisations,
  createOrganisation,
  getOrganisation,
  updateOrganisation,
  deleteOrganisation,
  switchOrganisation,
  leaveOrganisation,
  listAudit,
  getSupportAccess,
  grantSupportAccess,
  revokeSupportAccess,
} as const satisfies Record<string, RouteDef>;
