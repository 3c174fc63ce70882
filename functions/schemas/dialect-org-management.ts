// Seed 004 (organisation management, base /compat/org-management): its snake_case requests and answers. Field rules are
// Cabinet's own (the password policy, names, e-mail, phone, https avatar); the seed's own are the password
// confirmation, gender (male or female) and organization_name with organization_description, required together
// when is_organization is true.
import * as z from 'zod/mini';
import { description, emailAddress, organisationName, password, personName, phone, problemSchema, text } from '#schemas/common';
import { lazy } from '#schemas/lazy';
import { avatarUrl, dateOfBirth } from '#schemas/profile-fields';
import { type AreaExamples, one } from '#schemas/walkthrough';

export const SEED_GENDERS = ['male', 'female'] as const;

/** Laravel's words for the seed's rules (its 422 answers quote them). */
export const RULE = {
  confirmed: 'The password field confirmation does not match.',
  gender: 'The selected gender is invalid.',
  isOrganization: 'The is organization field must be true or false.',
  organizationName: 'The organization name field is required when is organization is true.',
  organizationDescription: 'The organization description field is required when is organization is true.',
  adminTarget: 'Give either user_id, or email, firstname and lastname.',
} as const;

const always = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };
type Confirmed = { password?: unknown; password_confirmation?: unknown };
const confirmed = () =>
  z.refine<Confirmed>((b) => typeof b.password !== 'string' || b.password === b.password_confirmation, {
    ...always,
    path: ['password'],
    message: RULE.confirmed,
  });

const person = () => ({
  email: emailAddress(),
  firstname: personName('firstname'),
  lastname: personName('lastname'),
  phone: z.optional(phone()),
  avatar: z.optional(avatarUrl()),
});

export const registerWithOrganizationBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      ...person(),
      password: password(),
      password_confirmation: z.optional(z.string().check(z.maxLength(256, 'password_confirmation must be at most 256 characters'))),
      gender: z.enum(SEED_GENDERS, { error: RULE.gender }),
      date_of_birth: z.optional(dateOfBirth()),
      is_organization: z.boolean({ error: RULE.isOrganization }),
      organization_name: z.optional(organisationName()),
      organization_description: z.optional(description()),
    })
    .check(
      confirmed(),
      z.refine<{ is_organization?: unknown; organization_name?: unknown }>(
        (b) => b.is_organization !== true || typeof b.organization_name === 'string',
        { ...always, path: ['organization_name'], message: RULE.organizationName },
      ),
      z.refine<{ is_organization?: unknown; organization_description?: unknown }>(
        (b) => b.is_organization !== true || (typeof b.organization_description === 'string' && b.organization_description !== ''),
        { ...always, path: ['organization_description'], message: RULE.organizationDescription },
      ),
    ),
);

export const createOrganizationBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({ name: organisationName(), description: z.optional(description()) }),
);

export const organizationParams = /* @__PURE__ */ lazy(() =>
  z.strictObject({ organization: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'Invalid identifier')) }),
);

export const createAgentBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      ...person(),
      gender: z.optional(z.enum(SEED_GENDERS, { error: RULE.gender })),
      password: password(),
      password_confirmation: z.optional(z.string().check(z.maxLength(256, 'password_confirmation must be at most 256 characters'))),
    })
    .check(confirmed()),
);

/** `{ user_id }`, or a new person's details (they are invited and become admin when they accept). */
export const assignAdminBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      user_id: z.optional(text('user_id', { min: 1, max: 64 })),
      email: z.optional(emailAddress()),
      firstname: z.optional(personName('firstname')),
      lastname: z.optional(personName('lastname')),
      phone: z.optional(phone()),
      avatar: z.optional(avatarUrl()),
    })
    .check(
      z.refine<{ user_id?: unknown; email?: unknown; firstname?: unknown; lastname?: unknown }>(
        (b) =>
          (b.user_id !== undefined) !== (b.email !== undefined) &&
          (b.email === undefined || (b.firstname !== undefined && b.lastname !== undefined)),
        { ...always, path: ['user_id'], message: RULE.adminTarget },
      ),
    ),
);

// Answers.

const organizationFields = () => ({
  id: z.string(),
  name: z.string(),
  description: z.nullable(z.string()),
  created_at: z.string(),
  updated_at: z.string(),
});

export const organizationResponse = /* @__PURE__ */ lazy(() => z.strictObject(organizationFields()));

export const organizationWithUsersResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    ...organizationFields(),
    users: z.array(z.strictObject({ id: z.string(), email: z.optional(z.string()), firstname: z.string(), lastname: z.string() })),
  }),
);

const seedUser = () =>
  z.strictObject({
    id: z.string(),
    email: z.string(),
    firstname: z.string(),
    lastname: z.string(),
    organization_id: z.nullable(z.string()),
  });

export const registeredResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    user: z.strictObject({
      id: z.string(),
      email: z.string(),
      firstname: z.string(),
      lastname: z.string(),
      gender: z.string(),
      date_of_birth: z.nullable(z.string()),
      phone: z.nullable(z.string()),
      avatar: z.nullable(z.string()),
      organization_id: z.nullable(z.string()),
    }),
    organization: z.nullable(organizationResponse()),
    token: z.string(),
    message: z.literal('User registered successfully'),
  }),
);

export const agentResponse = /* @__PURE__ */ lazy(() => z.strictObject({ agent: seedUser() }));

/** GET …/agents: the organisation's agents (its MEMBERs), a page at a time like its users. */
export const agentListResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    agents: z.array(
      z.strictObject({
        id: z.string(),
        email: z.optional(z.string()),
        firstname: z.string(),
        lastname: z.string(),
        organization_id: z.string(),
      }),
    ),
  }),
);
export const adminResponse = /* @__PURE__ */ lazy(() => z.strictObject({ admin: seedUser() }));

/** 202: the person is invited as admin; they become one when they accept (POST /api/auth/invitations/{id}/accept). */
export const adminInvitationResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    message: z.string(),
    invitation: z.strictObject({
      id: z.string(),
      email: z.optional(z.string()),
      role: z.literal('admin'),
      status: z.literal('pending'),
      expires_at: z.string(),
      organization_id: z.string(),
    }),
  }),
);

/** Laravel's validation answer (422) and its plain answers (401, 403, 404, 409, 429). */
export const validationErrorResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ message: z.string(), errors: z.record(z.string(), z.array(z.string())) }),
);
export const messageResponse = /* @__PURE__ */ lazy(() => z.strictObject({ message: z.string() }));

/** GET /api/organizations/{organization}: its users come a page at a time (a `Link: rel="next"` names the next). */
export const organizationQuery = /* @__PURE__ */ lazy(() =>
  z.strictObject({ cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(1024, 'Cursor is too long'))) }),
);

/**
 * Every refusal: Cabinet's problem+json (branch on `type`) with Laravel's `message`; invalid input is 422 with
 * `errors` as Laravel writes them, `{ field: [rules] }` under the seed's field names.
 */
export const orgManagementError = /* @__PURE__ */ lazy(() =>
  z.extend(problemSchema(), { message: z.string(), errors: z.optional(z.record(z.string(), z.array(z.string()))) }),
);

const ORG = '0a42d951-602f-4fd0-bf14-a74ced19aa26';
const USER = 'd79e81f2-755e-4de5-9e7e-1482f93f6231';
const AGENT = '5b0c8e1f-2a3d-4e6f-9b7a-8c1d2e3f4a5b';
const AT = '2026-02-13T12:00:00.000Z';
/** The seed's examples use password123, which Cabinet's policy refuses (the answer names each rule): one it accepts. */
const PASSWORD = 'TechCompany2026!';

/** Seed 004's own examples (its request bodies and answers, its curl examples), for its OpenAPI document only. */
export const orgManagementExamples = (): AreaExamples => ({
  orgManagementRegister: {
    request: {
      organization: {
        summary: 'Example 2: register with organisation creation',
        value: {
          email: 'admin@company.com',
          password: PASSWORD,
          password_confirmation: PASSWORD,
          firstname: 'Jane',
          lastname: 'Smith',
          gender: 'female',
          is_organization: true,
          organization_name: 'Tech Company Inc',
          organization_description: 'A leading technology company',
        },
      },
      user: {
        summary: 'Example 1: register as a regular user',
        value: {
          email: 'john@example.com',
          password: PASSWORD,
          password_confirmation: PASSWORD,
          firstname: 'John',
          lastname: 'Doe',
          gender: 'male',
          is_organization: false,
        },
      },
    },
    responses: {
      201: one('Registered, admin of the new organisation', {
        user: {
          id: USER,
          email: 'admin@company.com',
          firstname: 'Jane',
          lastname: 'Smith',
          gender: 'female',
          date_of_birth: null,
          phone: null,
          avatar: null,
          organization_id: ORG,
        },
        organization: { id: ORG, name: 'Tech Company Inc', description: 'A leading technology company', created_at: AT, updated_at: AT },
        token: 'eyJhbGciOiJSUzI1NiIsInR5…',
        message: 'User registered successfully',
      }),
    },
  },
  orgManagementCreateOrganization: {
    request: one('Example 3', { name: 'New Organization', description: 'Created by super admin' }),
    responses: {
      201: one('Created; the caller is its admin', {
        id: ORG,
        name: 'New Organization',
        description: 'Created by super admin',
        created_at: AT,
        updated_at: AT,
      }),
    },
  },
  orgManagementGetOrganization: {
    responses: {
      200: one('The organisation and its users', {
        id: ORG,
        name: 'Organization Name',
        description: 'Organization description',
        users: [{ id: USER, email: 'user@example.com', firstname: 'John', lastname: 'Doe' }],
        created_at: AT,
        updated_at: AT,
      }),
    },
  },
  orgManagementListAgents: {
    responses: {
      200: one("The organisation's agents", {
        agents: [{ id: AGENT, email: 'agent@company.com', firstname: 'Bob', lastname: 'Agent', organization_id: ORG }],
      }),
    },
  },
  orgManagementCreateAgent: {
    request: one('Example 4: an admin creates an agent in their organisation', {
      email: 'agent@company.com',
      firstname: 'Bob',
      lastname: 'Agent',
      gender: 'male',
      password: PASSWORD,
      password_confirmation: PASSWORD,
    }),
    responses: {
      201: one('The agent, a member of the organisation at once', {
        agent: { id: AGENT, email: 'agent@company.com', firstname: 'Bob', lastname: 'Agent', organization_id: ORG },
      }),
    },
  },
  orgManagementAssignAdmin: {
    request: {
      existing: { summary: 'An existing user', value: { user_id: USER } },
      new: { summary: 'A new person', value: { email: 'newadmin@example.com', firstname: 'Admin', lastname: 'User' } },
    },
    responses: {
      201: one('A member of the organisation, now its admin', {
        admin: { id: USER, email: 'admin@example.com', firstname: 'Admin', lastname: 'User', organization_id: ORG },
      }),
      202: one('Anyone else is invited: admin once they accept', {
        message: 'Invitation sent: the person becomes admin of the organization when they accept it.',
        invitation: {
          id: 'a1c7f2e1-8ce3-4b6f-a128-2d5f319f1dcb',
          email: 'newadmin@example.com',
          role: 'admin',
          status: 'pending',
          expires_at: '2026-02-16T12:00:00.000Z',
          organization_id: ORG,
        },
      }),
    },
  },
  orgManagementOpenapi: {},
  orgManagementDocs: {},
});
