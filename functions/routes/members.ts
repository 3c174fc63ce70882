// Member, custom-role and invitation routes of the caller's organisation, and invitation acceptance.
// The path's {id} must be the token's organisation (organisationScoped); data is keyed from the verified tenant.

import { route } from '#http/route';
import { sessionResponse } from '#schemas/auth';
import {
  acceptedByMemberResponse,
  acceptInvitationBody,
  accountInvitedResponse,
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
  receivedInvitationListResponse,
  receivedInvitationParams,
  roleListResponse,
  roleParams,
  roleResponse,
  updateMemberBody,
  updateRoleBody,
} from '#schemas/members';
import * as invitations from '#use-cases/invitations';
import * as members from '#use-cases/members';
import * as roles from '#use-cases/roles';
import type { CognitoAction } from './types.ts';

const CREATE_ACCOUNT: readonly CognitoAction[] = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminGetUser',
];

export const listMembers = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/organisations/{id}/members',
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
  handle: async ({ query }, tenant) => ({
    status: 200,
    body: await members.listMembers(tenant, query),
  }),
});

export const addMember = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/organisations/{id}/members',
  function: 'account-admin',
  auth: 'member',
  organisationScoped: true,
  permission: 'members:manage',
  tag: 'Members',
  summary:
    'Create an account and add it ({username, password, nom, prenom, role}), or invite an existing account ({username, role}): ' +
    'it becomes a member only once it accepts (the same 202 whether or not the username exists)',
  params: organisationParams,
  body: addMemberBody,
  access: { table: 'readWrite', cognito: CREATE_ACCOUNT, email: true },
  idempotent: true,
  responses: {
    201: { description: 'A new account, member at once', schema: memberResponse },
    202: { description: 'An invitation addressed to the account, which it accepts or declines', schema: accountInvitedResponse },
  },
  problems: [
    'role-above-caller',
    'unknown-role',
    'already-member',
    'username-taken',
    'organisation-full',
    'password-policy',
    'too-many-requests',
  ],
  handle: async ({ body, client }, tenant) => {
    const added = await members.addMember(tenant, body, client);
    return added.outcome === 'added'
      ? { status: 201, body: { member: added.member } }
      : { status: 202, body: { invitation: added.invitation } };
  },
});

export const updateMember = /* @__PURE__ */ route({
  method: 'PATCH',
  path: '/api/organisations/{id}/members/{userId}',
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
  handle: async ({ params, body }, tenant) => ({
    status: 200,
    body: { member: await members.updateMember(tenant, params.userId, body) },
  }),
});

export const removeMember = /* @__PURE__ */ route({
  method: 'DELETE',
  path: '/api/organisations/{id}/members/{userId}',
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
  handle: async ({ params }, tenant) => {
    await members.removeMember(tenant, params.userId);
    return { status: 204 };
  },
});

export const listRoles = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/organisations/{id}/roles',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  permission: 'members:read',
  tag: 'Roles',
  summary: "Built-in roles and the organisation's custom roles, with their permissions",
  params: organisationParams,
  access: { table: 'read' },
  responses: { 200: { description: 'Roles', schema: roleListResponse } },
  handle: async (_input, tenant) => ({ status: 200, body: await roles.listRoles(tenant) }),
});

export const createRole = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/organisations/{id}/roles',
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
  handle: async ({ body }, tenant) => ({
    status: 201,
    body: { role: await roles.createRole(tenant, body) },
  }),
});

export const updateRole = /* @__PURE__ */ route({
  method: 'PATCH',
  path: '/api/organisations/{id}/roles/{name}',
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
  handle: async ({ params, body }, tenant) => ({
    status: 200,
    body: { role: await roles.updateRole(tenant, params.name, body) },
  }),
});

export const deleteRole = /* @__PURE__ */ route({
  method: 'DELETE',
  path: '/api/organisations/{id}/roles/{name}',
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
  handle: async ({ params }, tenant) => {
    await roles.deleteRole(tenant, params.name);
    return { status: 204 };
  },
});

export const createInvitation = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/organisations/{id}/invitations',
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
  problems: ['role-above-caller', 'unknown-role', 'too-many-requests'],
  handle: async ({ body, client }, tenant) => ({
    status: 201,
    body: await invitations.createInvitation(tenant, body, client),
  }),
});

export const listInvitations = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/organisations/{id}/invitations',
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
  handle: async ({ query }, tenant) => ({
    status: 200,
    body: await invitations.listInvitations(tenant, query),
  }),
});

export const revokeInvitation = /* @__PURE__ */ route({
  method: 'DELETE',
  path: '/api/organisations/{id}/invitations/{invitationId}',
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
  handle: async ({ params }, tenant) => {
    await invitations.revokeInvitation(tenant, params.invitationId);
    return { status: 204 };
  },
});

export const acceptInvitation = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/accept-invitation',
  function: 'sessions',
  auth: 'optionalUser',
  tag: 'Auth',
  summary:
    'Accept an invitation with the token of its e-mailed link: anonymous callers create their account (username = the invited ' +
    'address unless they choose one; the address is then verified) and are signed in; signed-in callers whose verified ' +
    'address is the invited one get the membership added',
  body: acceptInvitationBody,
  throttle: 'registration',
  access: { table: 'readWrite', cognito: CREATE_ACCOUNT, signIn: true },
  responses: {
    200: { description: 'Membership added to the signed-in caller', schema: acceptedByMemberResponse },
    201: { description: 'Account created and signed in', schema: sessionResponse },
  },
  problems: [
    'invitation-not-found',
    'invitation-used',
    'invitation-revoked',
    'invitation-declined',
    'invitation-expired',
    'invitation-role-removed',
    'invitation-for-another-address',
    'email-not-verified',
    'invitation-account-exists',
    'invitation-organisation-inactive',
    'already-member',
    'organisation-full',
    'username-taken',
    'password-policy',
    'profile-not-found',
    'membership-changed',
    'too-many-requests',
  ],
  handle: async ({ body, client }, caller) => {
    const accepted = await invitations.acceptInvitation(body, caller, client);
    return accepted.kind === 'account'
      ? { status: 201, body: accepted.session }
      : { status: 200, body: { organisation: accepted.organisation, membership: accepted.membership } };
  },
});

export const listReceivedInvitations = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/auth/invitations',
  function: 'member-read',
  auth: 'user',
  tag: 'Invitations',
  summary: 'The invitations addressed to the signed-in person that can still be answered: to their account, and to their verified address',
  access: { table: 'read' },
  responses: { 200: { description: 'Newest first', schema: receivedInvitationListResponse } },
  problems: ['profile-not-found'],
  handle: async (_input, caller) => ({
    status: 200,
    body: await invitations.listReceivedInvitations(caller),
  }),
});

export const acceptReceivedInvitation = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/invitations/{invitationId}/accept',
  function: 'member-write',
  auth: 'user',
  tag: 'Invitations',
  summary: 'Accept an invitation addressed to you: you become a member of its organisation (switch-organisation then gives a token for it)',
  params: receivedInvitationParams,
  access: { table: 'readWrite' },
  responses: { 200: { description: 'The membership', schema: acceptedByMemberResponse } },
  // Listed in full, not spread from a shared array: a spread is not side-effect free to esbuild, and would keep this
  // route (and its schemas) in every function that imports this module.
  problems: [
    'invitation-not-found',
    'invitation-used',
    'invitation-revoked',
    'invitation-declined',
    'invitation-expired',
    'profile-not-found',
    'invitation-organisation-inactive',
    'invitation-role-removed',
    'invitation-for-another-address',
    'email-not-verified',
    'already-member',
    'organisation-full',
    'membership-changed',
    'too-many-requests',
  ],
  handle: async ({ params, client }, caller) => {
    const accepted = await invitations.acceptReceivedInvitation(caller, params.invitationId, client);
    if (accepted.kind !== 'membership') throw new Error('An invitation answered by id adds a membership');
    return { status: 200, body: { organisation: accepted.organisation, membership: accepted.membership } };
  },
});

export const declineReceivedInvitation = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/invitations/{invitationId}/decline',
  function: 'member-write',
  auth: 'user',
  tag: 'Invitations',
  summary: 'Decline an invitation addressed to you: nothing else changes, and its organisation sees it declined',
  params: receivedInvitationParams,
  access: { table: 'readWrite' },
  responses: { 204: { description: 'Declined' } },
  problems: [
    'invitation-not-found',
    'invitation-used',
    'invitation-revoked',
    'invitation-declined',
    'invitation-expired',
    'profile-not-found',
  ],
  handle: async ({ params }, caller) => {
    await invitations.declineReceivedInvitation(caller, params.invitationId);
    return { status: 204 };
  },
});
