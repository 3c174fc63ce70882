// Seed 004 (organisation management, base /compat/org-management): its snake_case requests and answers. Field rules are
// Cabinet's own (the password policy, names, e-mail, phone, https avatar); the seed's own are the password
// confirmation, gender (male or female) and organization_name with organization_description, required together
// when is_organization is true.
import * as z from 'zod/mini';
import { description, emailAddress, organisationName, password, personName, phone, text } from '#schemas/common';
import { lazy } from '#schemas/lazy';
import { avatarUrl, dateOfBirth } from '#schemas/profile-fields';

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
