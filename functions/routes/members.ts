// Member, custom-role and invitation routes of the caller's organisation, and invitation acceptance.
// The path's {id} must be the token's organisation (organisationScoped); data is keyed from the verified tenant.

import { sessionResponse } from '#schemas/auth';
import {
  acceptedByMemberResponse,
  acceptInvitationBody,
  addMemberBody,
  createInvitationBody,
  createRoleBody,
  invitationCreatedResponse,
  invitationListQuery,
  invitationListResponse,
  invitationParams,
  memberListQuery,
  memberListResponse,
  memberParams,
  memberResponse,
  organisationParams,
  roleListResponse,
  roleParams,
  roleResponse,
  updateMemberBody,
  updateRoleBody,
} from '#schemas/members';
import { type CognitoAction, forbidden, invalid, notFound, type RouteDef, unauthorized } from './types.ts';

const CREATE_ACCOUNT: readonly CognitoAction[] = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminDeleteUser',
];
const forbiddenGrant = { problem: "The caller lacks the permission, or the role is above the caller's own" };

export const listMembers = {
  method: 'GET',
  path: '/api/organisations/{id}/members',
  handler: 'members/list-members',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  permission: 'members:read',
  tag: 'Members',
  summary: "List the organisation's members, paginated",
  params: organisationParams,
  query: memberListQuery,
  access: { table: 'read' },
  responses: {
    200: { description: 'A page of members', schema: memberListResponse },
    400: invalid,
    401: unauthorized,
    403: forbidden,
    404: notFound,
  },
} as const satisfies RouteDef;

export const addMember = {
  method: 'POST',
  path: '/api/organisations/{id}/members',
  handler: 'members/add-member',
  function: 'account-admin',
  auth: 'member',
  organisationScoped: true,
  permission: 'members:manage',
  tag: 'Members',
  summary: 'Add an existing user ({username, role}) or create an account and add it ({username, password, nom, prenom, role})',
  params: organisationParams,
  body: addMemberBody,
  access: { table: 'readWrite', cognito: CREATE_ACCOUNT },
  responses: {
    201: { description: 'Member added', schema: memberResponse },
    400: invalid,
    401: unauthorized,
    403: forbiddenGrant,
    404: { problem: 'User not found (or another organisation)' },
    409: { problem: 'Already a member, username taken, or the organisation is full (maxUsers)' },
  },
} as const satisfies RouteDef;

export const updateMember = {
  method: 'PATCH',
  path: '/api/organisations/{id}/members/{userId}',
  handler: 'members/update-member',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'members:manage',
  tag: 'Members',
  summary: "Change a member's role and/or status (ACTIVE, SUSPENDED); never your own",
  params: memberParams,
  body: updateMemberBody,
  access: { table: 'readWrite' },
  responses: {
    200: { description: 'Updated', schema: memberResponse },
    400: invalid,
    401: unauthorized,
    403: { problem: 'Own membership, a member above the caller, or a role above the caller' },
    404: notFound,
    409: { problem: 'The last ADMIN cannot be demoted or suspended; or the membership awaits approval' },
  },
} as const satisfies RouteDef;

export const removeMember = {
  method: 'DELETE',
  path: '/api/organisations/{id}/members/{userId}',
  handler: 'members/remove-member',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'members:manage',
  tag: 'Members',
  summary: 'Remove a member (or leave, for yourself); frees the seat',
  params: memberParams,
  access: { table: 'readWrite' },
  responses: {
    204: { description: 'Removed' },
    401: unauthorized,
    403: { problem: 'A member above the caller' },
    404: notFound,
    409: { problem: 'The last ADMIN cannot be removed' },
  },
} as const satisfies RouteDef;

export const listRoles = {
  method: 'GET',
  path: '/api/organisations/{id}/roles',
  handler: 'members/list-roles',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  permission: 'members:read',
  tag: 'Roles',
  summary: "Built-in roles and the organisation's custom roles, with their permissions",
  params: organisationParams,
  access: { table: 'read' },
  responses: { 200: { description: 'Roles', schema: roleListResponse }, 401: unauthorized, 403: forbidden, 404: notFound },
} as const satisfies RouteDef;

export const createRole = {
  method: 'POST',
  path: '/api/organisations/{id}/roles',
  handler: 'members/create-role',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'roles:manage',
  tag: 'Roles',
  summary: "Create a custom role from the permission catalogue (within the caller's permissions)",
  params: organisationParams,
  body: createRoleBody,
  access: { table: 'readWrite' },
  responses: {
    201: { description: 'Created', schema: roleResponse },
    400: invalid,
    401: unauthorized,
    403: forbiddenGrant,
    404: notFound,
    409: { problem: 'A role with this name exists' },
  },
} as const satisfies RouteDef;

export const updateRole = {
  method: 'PATCH',
  path: '/api/organisations/{id}/roles/{name}',
  handler: 'members/update-role',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'roles:manage',
  tag: 'Roles',
  summary: "Change a custom role's permissions or description; holders get them on their next request",
  params: roleParams,
  body: updateRoleBody,
  access: { table: 'readWrite' },
  responses: {
    200: { description: 'Updated', schema: roleResponse },
    400: { problem: 'Invalid input, or a built-in role' },
    401: unauthorized,
    403: forbiddenGrant,
    404: notFound,
    409: { problem: 'The role changed meanwhile' },
  },
} as const satisfies RouteDef;

export const deleteRole = {
  method: 'DELETE',
  path: '/api/organisations/{id}/roles/{name}',
  handler: 'members/delete-role',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'roles:manage',
  tag: 'Roles',
  summary: 'Delete a custom role nobody holds',
  params: roleParams,
  access: { table: 'readWrite' },
  responses: {
    204: { description: 'Deleted' },
    400: { problem: 'A built-in role' },
    401: unauthorized,
    403: forbiddenGrant,
    404: notFound,
    409: { problem: 'Role in use' },
  },
} as const satisfies RouteDef;

export const createInvitation = {
  method: 'POST',
  path: '/api/organisations/{id}/invitations',
  handler: 'members/create-invitation',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'invitations:manage',
  tag: 'Invitations',
  summary: 'Invite an email with a role (expiry 72 h by default, at most 720 h); the one-time token is returned only here',
  params: organisationParams,
  body: createInvitationBody,
  access: { table: 'readWrite' },
  responses: {
    201: { description: 'Invitation created; send the token to the invitee', schema: invitationCreatedResponse },
    400: invalid,
    401: unauthorized,
    403: forbiddenGrant,
    404: notFound,
  },
} as const satisfies RouteDef;

export const listInvitations = {
  method: 'GET',
  path: '/api/organisations/{id}/invitations',
  handler: 'members/list-invitations',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  permission: 'invitations:manage',
  tag: 'Invitations',
  summary: 'List invitations (optionally by status), paginated; never their tokens',
  params: organisationParams,
  query: invitationListQuery,
  access: { table: 'read' },
  responses: {
    200: { description: 'A page of invitations', schema: invitationListResponse },
    400: invalid,
    401: unauthorized,
    403: forbidden,
    404: notFound,
  },
} as const satisfies RouteDef;

export const revokeInvitation = {
  method: 'DELETE',
  path: '/api/organisations/{id}/invitations/{invitationId}',
  handler: 'members/revoke-invitation',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  permission: 'invitations:manage',
  tag: 'Invitations',
  summary: 'Revoke a pending invitation',
  params: invitationParams,
  access: { table: 'readWrite' },
  responses: {
    204: { description: 'Revoked' },
    401: unauthorized,
    403: forbidden,
    404: notFound,
    409: { problem: 'Already accepted or revoked' },
  },
} as const satisfies RouteDef;

export const acceptInvitation = {
  method: 'POST',
  path: '/api/auth/accept-invitation',
  handler: 'members/accept-invitation',
  function: 'sessions',
  auth: 'optionalUser',
  tag: 'Auth',
  summary:
    'Accept an invitation: anonymous callers create their account (username = the invited email) and are signed in; ' +
    'signed-in callers get the membership added',
  body: acceptInvitationBody,
  access: { table: 'readWrite', cognito: CREATE_ACCOUNT, signIn: true },
  responses: {
    200: { description: 'Membership added to the signed-in caller', schema: acceptedByMemberResponse },
    201: { description: 'Account created and signed in', schema: sessionResponse },
    400: invalid,
    401: unauthorized,
    404: { problem: 'Invitation not found' },
    409: { problem: 'Already a member, an account exists for the email, or the organisation is full' },
    410: { problem: 'The invitation has expired, was revoked or was already used' },
  },
} as const satisfies RouteDef;

/** The area's routes, in table order (routes.ts gathers the areas). */
export const membersRoutes = {
  listMembers,
  addMember,
  updateMember,
  removeMember,
  listRoles,
  createRole,
  updateRole,
  deleteRole,
  createInvitation,
  listInvitations,
  revokeInvitation,
  acceptInvitation,
} as const satisfies Record<string, RouteDef>;
