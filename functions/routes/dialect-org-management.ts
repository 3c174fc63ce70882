// Seed 004's dialect (organisation management, functions/dialects/org-management/dialect.ts): its routes under
// /compat/org-management, the seed's paths beneath, each translating to the use case Cabinet's own route calls
// (functions/dialects/org-management/translate.ts; docs/migrating.md).

import {
  adminAnswer,
  adminCandidate,
  agentInput,
  agentsAnswer,
  memberAnswer,
  organizationAnswer,
  organizationWithUsers,
  registeredAnswer,
  registerInput,
} from '#dialects/org-management/translate';
import { route } from '#http/route';
import {
  adminInvitationResponse,
  adminResponse,
  agentListResponse,
  agentResponse,
  assignAdminBody,
  createAgentBody,
  createOrganizationBody,
  organizationParams,
  organizationQuery,
  organizationResponse,
  organizationWithUsersResponse,
  registeredResponse,
  registerWithOrganizationBody,
} from '#schemas/dialect-org-management';
import * as members from '#use-cases/members';
import * as organisationAdmins from '#use-cases/organisation-admins';
import * as organisations from '#use-cases/organisations';
import * as registration from '#use-cases/registration';

/**
 * The users an organisation's answer lists at most: the members page's largest (more are named by a Link header). The
 * two lists' summaries name it: keep them in step.
 */
const USERS_PER_PAGE = 100;

/** The Link header naming a list's next page, when there is one. */
const nextPage = (path: string, cursor: string | null | undefined): Record<string, string> =>
  cursor ? { link: `<${path}?${new URLSearchParams({ cursor })}>; rel="next"` } : {};

export const orgManagementRegister = /* @__PURE__ */ route({
  dialect: 'org-management',
  method: 'POST',
  path: '/compat/org-management/api/auth/register-with-organization',
  function: 'sessions',
  auth: 'public',
  tag: 'Auth',
  summary:
    'Register and sign in: with is_organization true, create the organisation too (you become its admin); false, an account without organisation (a user)',
  body: registerWithOrganizationBody,
  throttle: 'registration',
  access: {
    table: 'readWrite',
    cognito: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminGetUser'],
    signIn: true,
    email: true,
  },
  responses: { 201: { description: 'Registered and signed in (organization null without is_organization)', schema: registeredResponse } },
  problems: ['too-many-requests', 'email-taken', 'organisation-name-taken', 'organisation-full', 'password-policy'],
  handle: async ({ body, client }) => {
    // Cabinet's register (POST /api/auth/register), "create" or "account": never a join, so always a session.
    const registered = await registration.register(registerInput(body), client);
    return { status: 201, body: registeredAnswer(registered, body) };
  },
});

export const orgManagementCreateOrganization = /* @__PURE__ */ route({
  dialect: 'org-management',
  method: 'POST',
  path: '/compat/org-management/api/organizations',
  function: 'member-write',
  auth: 'user',
  tag: 'Organizations',
  summary: 'Create an organisation; the signed-in user becomes its admin',
  body: createOrganizationBody,
  access: { table: 'readWrite' },
  idempotent: true,
  responses: { 201: { description: 'Created', schema: organizationResponse } },
  problems: ['profile-required', 'organisation-name-taken', 'too-many-requests'],
  handle: async ({ body, client }, caller) => {
    // Cabinet's createOrganisation (POST /api/organisations).
    const { organisation } = await organisations.createOrganisation(caller, { name: body.name, description: body.description }, client);
    return { status: 201, body: organizationAnswer(organisation) };
  },
});

export const orgManagementGetOrganization = /* @__PURE__ */ route({
  dialect: 'org-management',
  method: 'GET',
  path: '/compat/org-management/api/organizations/{organization}',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  organisationParam: 'organization',
  permission: 'members:read',
  tag: 'Organizations',
  // Summaries are plain literals: the bundling test finds each declaration in its bundle by its summary.
  summary: 'The organisation with its users (up to 100; a Link header rel="next" names the next ones)',
  params: organizationParams,
  query: organizationQuery,
  access: { table: 'read' },
  responses: { 200: { description: 'The organisation', schema: organizationWithUsersResponse, headers: ['Link'] } },
  problems: ['invalid-cursor'],
  handle: async ({ query, event }, tenant) => {
    // Cabinet's GET /api/organisations/{id} and GET …/members, read together.
    const [{ organisation }, page] = await Promise.all([
      organisations.getOrganisation(tenant),
      members.listMembers(tenant, { limit: USERS_PER_PAGE, cursor: query.cursor }),
    ]);
    return { status: 200, body: organizationWithUsers(organisation, page.items), headers: nextPage(event.rawPath, page.nextCursor) };
  },
});

export const orgManagementListAgents = /* @__PURE__ */ route({
  dialect: 'org-management',
  method: 'GET',
  path: '/compat/org-management/api/organizations/{organization}/agents',
  function: 'member-read',
  auth: 'member',
  organisationScoped: true,
  organisationParam: 'organization',
  permission: 'members:read',
  tag: 'Organizations',
  summary: 'The organisation\'s agents (from 100 members at a time; a Link header rel="next" names the next ones)',
  params: organizationParams,
  query: organizationQuery,
  access: { table: 'read' },
  responses: { 200: { description: 'Its agents', schema: agentListResponse, headers: ['Link'] } },
  problems: ['invalid-cursor'],
  handle: async ({ query, event }, tenant) => {
    // Cabinet's GET /api/organisations/{id}/members, its MEMBERs.
    const page = await members.listMembers(tenant, { limit: USERS_PER_PAGE, cursor: query.cursor });
    return { status: 200, body: agentsAnswer(page.items, tenant.organisationId), headers: nextPage(event.rawPath, page.nextCursor) };
  },
});

export const orgManagementCreateAgent = /* @__PURE__ */ route({
  dialect: 'org-management',
  method: 'POST',
  path: '/compat/org-management/api/organizations/{organization}/agents',
  function: 'account-admin',
  auth: 'member',
  organisationScoped: true,
  organisationParam: 'organization',
  permission: 'members:manage',
  tag: 'Organizations',
  summary: "Create an agent: a new account with the password given, a member of the organisation at once (the organisation's admins)",
  params: organizationParams,
  body: createAgentBody,
  access: {
    table: 'readWrite',
    cognito: ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminDeleteUser', 'cognito-idp:AdminGetUser'],
    email: true,
  },
  idempotent: true,
  responses: { 201: { description: 'The agent', schema: agentResponse } },
  problems: ['role-above-caller', 'unknown-role', 'username-taken', 'organisation-full', 'password-policy', 'too-many-requests'],
  handle: async ({ body, client }, tenant) => {
    // Cabinet's addMember (POST /api/organisations/{id}/members) with a password: a new account, never an existing one.
    const added = await members.addMember(tenant, agentInput(body), client);
    if (added.outcome !== 'added') throw new Error('An agent with a password is always a new account');
    return { status: 201, body: { agent: memberAnswer(added.member, tenant.organisationId) } };
  },
});

export const orgManagementAssignAdmin = /* @__PURE__ */ route({
  dialect: 'org-management',
  method: 'POST',
  path: '/compat/org-management/api/organizations/{organization}/admins',
  function: 'member-write',
  auth: 'member',
  organisationScoped: true,
  organisationParam: 'organization',
  permission: 'members:manage',
  tag: 'Organizations',
  summary:
    'Make someone admin: a member of the organisation (user_id) at once; anyone else (user_id, or a new person by email) is invited, and becomes admin by accepting',
  params: organizationParams,
  body: assignAdminBody,
  access: { table: 'readWrite', email: true },
  responses: {
    201: { description: 'A member, now admin', schema: adminResponse },
    202: {
      description:
        'An invitation as admin, e-mailed to the person (the same answer whether or not the account exists); they become admin when they accept it',
      schema: adminInvitationResponse,
    },
  },
  problems: [
    'cannot-change-own-membership',
    'member-above-caller',
    'role-above-caller',
    'member-not-found',
    'last-admin',
    'membership-awaiting-approval',
    'membership-changed',
    'already-member',
    'too-many-requests',
  ],
  handle: async ({ body, client }, tenant) => {
    // Cabinet's PATCH …/members/{userId} {role: ADMIN} for a member, its invitations for anyone else.
    const assigned = await organisationAdmins.assignAdmin(tenant, adminCandidate(body), client);
    return adminAnswer(assigned, tenant.organisationId);
  },
});
