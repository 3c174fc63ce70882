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
import type { CognitoAction, RouteDef } from './types.ts';

const CREATE_ACCOUNT: readonly CognitoAction[] = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminGetUser',
];

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
  responses: { 200: { description: 'A page of members', schema: memberListResponse } },
  problems: ['invalid-cursor'],
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
  idempotent: true,
  responses: { 201: { description: 'Member added', schema: memberResponse } },
  problems: [
    'role-above-caller',
    'unknown-role',
    'user-not-found',
    'already-member',
    'username-taken',
    'organisation-full',
    'password-policy',
  ],
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
  responses: { 200: { description: 'Updated', schema: memberResponse } },
  problems: [
    'cannot-change-own-membership',
    'member-above-caller',
    'role-above-caller',
    'unknown-role',
    'member-not-found',
    'last-admin',
    'membership-awaiting-approval',
    'membership-changed',
  ],
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
  responses: { 204: { description: 'Removed' } },
  problems: ['member-above-caller', 'member-not-found', 'last-admin', 'membership-changed'],
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
  responses: { 200: { description: 'Roles', schema: roleListResponse } },
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
  responses: { 201: { description: 'Created', schema: roleResponse } },
  problems: ['role-above-caller', 'role-exists'],
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
  responses: { 200: { description: 'Updated', schema: roleResponse } },
  problems: ['built-in-role', 'role-not-found', 'role-above-caller', 'role-changed'],
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
  responses: { 204: { description: 'Deleted' } },
  problems: ['built-in-role', 'role-not-found', 'role-above-caller', 'role-in-use'],
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
  summary:
    'Invite an email with a role (expiry 72 h by default, at most 720 h); the one-time link is e-mailed to that address, never returned',
  params: organisationParams,
  body: createInvitationBody,
  access: { table: 'readWrite', email: true },
  idempotent: true,
  responses: {
    201: {
      description: 'Invitation created and e-mailed to the invitee (the same answer whatever the address)',
      schema: invitationCreatedResponse,
    },
  },
  problems: ['role-above-caller', 'unknown-role'],
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
  responses: { 200: { description: 'A page of invitations', schema: invitationListResponse } },
  problems: ['invalid-cursor'],
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
  responses: { 204: { description: 'Revoked' } },
  problems: ['invitation-not-found', 'invitation-not-pending'],
} as const satisfies RouteDef;

export const acceptInvitation = {
  method: 'POST',
  path: '/api/auth/accept-invitation',
  handler: 'members/accept-invitation',
  function: 'sessions',
  auth: 'optionalUser',
  tag: 'Auth',
  summary:
    'Accept an invitation: anonymous callers create their account (username = the invited email, which is then verified) and are ' +
    'signed in; signed-in callers whose verified email is the invited one get the membership added',
  body: acceptInvitationBody,
  access: { table: 'readWrite', cognito: CREATE_ACCOUNT, signIn: true },
  responses: {
    200: { description: 'Membership added to the signed-in caller', schema: acceptedByMemberResponse },
    201: { description: 'Account created and signed in', schema: sessionResponse },
  },
  problems: [
    'invitation-not-found',
    'invitation-used',
    'invitation-revoked',
    'invitation-expired',
    'invitation-role-removed',
    'invitation-for-another-address',
    'email-not-verified',
    'invitation-account-exists',
    'already-member',
    'organisation-full',
    'username-taken',
    'password-policy',
    'profile-not-found',
    'membership-changed',
  ],
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
