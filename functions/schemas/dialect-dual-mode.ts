// Seed 002 (dual-mode registration, base /compat/dual-mode): the bodies its clients send and the answers they read,
// field names as the seed writes them. The field rules are Cabinet's (schemas/common.ts: the password policy, e-mail,
// names, the starting tier); the seed's own words are its messages ("Passwords do not match").
import * as z from 'zod/mini';
import { emailAddress, licenseNumber, organisationName, password, problemSchema, selfServiceTier, text } from '#schemas/common';
import { lazy } from '#schemas/lazy';
import { country } from '#schemas/registration';
import { type AreaExamples, one } from '#schemas/walkthrough';

/** The seed's roles (its users.role enum), lower case as it writes them. */
export const SEED_ROLES = ['admin', 'senior_lawyer', 'lawyer', 'paralegal', 'clerk'] as const;
export type SeedRole = (typeof SEED_ROLES)[number];

export const PASSWORDS_DO_NOT_MATCH = 'Passwords do not match';

const seedRole = () => z.optional(z.enum(SEED_ROLES, { error: 'role must be one of admin, senior_lawyer, lawyer, paralegal, clerk' }));

const person = () => ({
  email: emailAddress(),
  password: password(),
  confirmPassword: z.string().check(z.maxLength(256, 'confirmPassword must be at most 256 characters')),
  fullName: text('fullName', { min: 2, max: 200 }),
});

type Person = { password?: unknown; confirmPassword?: unknown };
// Runs even when other fields failed, so one answer lists every problem.
const passwordsMatch = () =>
  z.refine<Person>((b) => typeof b.password !== 'string' || typeof b.confirmPassword !== 'string' || b.password === b.confirmPassword, {
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    path: ['confirmPassword'],
    message: PASSWORDS_DO_NOT_MATCH,
  });

/** A numeric organisation id as the seed's clients send it (its serial primary key). */
const organizationNumber = () =>
  z
    .number('organizationId must be a positive integer')
    .check(z.refine((value) => Number.isSafeInteger(value) && value > 0, 'organizationId must be a positive integer'));

export const dualModeJoinBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({ registrationType: z.literal('join'), ...person(), organizationId: organizationNumber(), role: seedRole() })
    .check(passwordsMatch()),
);

export const dualModeCreateBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      registrationType: z.literal('create'),
      ...person(),
      organizationName: organisationName(),
      country: country(),
      subscriptionTier: selfServiceTier(),
      role: z.optional(z.literal('admin', 'The creator of an organization is its admin: role can only be admin')),
    })
    .check(passwordsMatch()),
);

export const dualModeRegisterBody = /* @__PURE__ */ lazy(() =>
  z.discriminatedUnion('registrationType', [dualModeJoinBody(), dualModeCreateBody()], {
    error: 'registrationType must be "join" or "create"',
  }),
);

/** The seed's User: `organizationId` is the organisation's number (null for one created outside this dialect). */
export const dualModeUser = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    id: z.string(),
    email: z.string(),
    fullName: z.string(),
    organizationId: z.nullable(z.number()),
    role: z.nullable(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

export const dualModeSessionResponse = /* @__PURE__ */ lazy(() => z.strictObject({ user: dualModeUser(), token: z.string() }));

/** A join that waits for an admin's approval (the organisation's join policy): no token until then. */
export const dualModePendingResponse = /* @__PURE__ */ lazy(() => z.strictObject({ message: z.string(), user: dualModeUser() }));

export const dualModeLoginBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    email: emailAddress(),
    password: z.string('password is required').check(z.minLength(1, 'password is required'), z.maxLength(256, 'password is too long')),
  }),
);

export const dualModeLoginResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ user: z.extend(dualModeUser(), { lastLogin: z.nullable(z.string()) }), token: z.string() }),
);

export const dualModeMeResponse = /* @__PURE__ */ lazy(() => z.strictObject({ user: dualModeUser() }));

export const dualModeUpdateMeBody = /* @__PURE__ */ lazy(() => z.strictObject({ fullName: text('fullName', { min: 2, max: 200 }) }));

export const dualModeMessageResponse = /* @__PURE__ */ lazy(() => z.strictObject({ message: z.string() }));

/** The seed's Organization: its number as `id`; licenseNumber and contactInfo only when set. */
export const dualModeOrganization = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    id: z.number(),
    name: z.string(),
    country: z.string(),
    subscriptionTier: z.string(),
    licenseNumber: z.optional(z.string()),
    contactInfo: z.optional(z.string()),
    /** In the public list (GET /api/organizations) while true; its admins unlist it with PATCH {listed: false}. */
    listed: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

export const dualModeOrganizationResponse = /* @__PURE__ */ lazy(() => z.strictObject({ organization: dualModeOrganization() }));

const contactInfo = () => text('contactInfo', { min: 1, max: 500 });

export const dualModeCreateOrganizationBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    name: organisationName(),
    country: country(),
    subscriptionTier: selfServiceTier(),
    licenseNumber: z.optional(licenseNumber()),
    contactInfo: z.optional(contactInfo()),
  }),
);

/** Every field optional; null clears licenseNumber or contactInfo. A plan other than the starting tier is refused. */
export const dualModeUpdateOrganizationBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      name: z.optional(organisationName()),
      country: country(),
      subscriptionTier: selfServiceTier(),
      licenseNumber: z.optional(z.nullable(licenseNumber())),
      contactInfo: z.optional(z.nullable(contactInfo())),
      listed: z.optional(z.boolean('listed must be true or false')),
    })
    .check(z.refine((body) => Object.keys(body).length > 0, 'At least one field must be given')),
);

/** The seed's `:id`: an organisation's number. */
export const dualModeIdParams = /* @__PURE__ */ lazy(() =>
  z.strictObject({ id: z.string().check(z.regex(/^[1-9]\d{0,11}$/, 'id must be a positive integer')) }),
);

/** The public list: a page of listed organisations, by number and name only. */
export const dualModeOrganizationList = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    organizations: z.array(z.strictObject({ id: z.number(), name: z.string() })),
    /** How many organisations this page holds. */
    total: z.number(),
    /** The cursor of the next page (`?cursor=`), null on the last. */
    nextCursor: z.nullable(z.string()),
  }),
);

/** Every refusal: Cabinet's problem+json, plus the seed's `error` with its message. */
export const dualModeError = /* @__PURE__ */ lazy(() => z.extend(problemSchema(), { error: z.string() }));

const USER = 'd79e81f2-755e-4de5-9e7e-1482f93f6231';
const AT = '2026-01-31T11:00:00.000Z';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkNzllODFmMiJ9.c2lnbmF0dXJl';
// Written out in full, without object spread (see walkthrough.ts).
const johnDoe = (changes: { fullName?: string; updatedAt?: string } = {}) => ({
  id: USER,
  email: 'user@example.com',
  fullName: changes.fullName ?? 'John Doe',
  organizationId: 1,
  role: 'lawyer',
  createdAt: AT,
  updatedAt: changes.updatedAt ?? AT,
});

const legalFirmA = (changes: { name?: string; listed?: boolean } = {}) => ({
  id: 1,
  name: changes.name ?? 'Legal Firm A',
  country: 'SA',
  subscriptionTier: 'free',
  licenseNumber: 'LIC-001',
  contactInfo: 'contact@legalfirma.com',
  listed: changes.listed ?? true,
  createdAt: AT,
  updatedAt: changes.name ? '2026-01-31T12:00:00.000Z' : AT,
});

/** Seed 002's own examples (its request bodies and answers), for its OpenAPI document only. */
export const dualModeExamples = (): AreaExamples => ({
  dualModeRegister: {
    request: {
      join: {
        summary: 'Mode 1: join an existing organization (default role lawyer)',
        value: {
          registrationType: 'join',
          email: 'user@example.com',
          password: 'SecurePass123!',
          confirmPassword: 'SecurePass123!',
          fullName: 'John Doe',
          organizationId: 1,
          role: 'lawyer',
        },
      },
      create: {
        summary: 'Mode 2: create a new organization (you are its admin)',
        value: {
          registrationType: 'create',
          email: 'admin@example.com',
          password: 'SecurePass123!',
          confirmPassword: 'SecurePass123!',
          fullName: 'Jane Smith',
          organizationName: 'New Legal Firm',
          country: 'SA',
          subscriptionTier: 'free',
          role: 'admin',
        },
      },
    },
    responses: {
      201: one('Registered and signed in', { user: johnDoe(), token: TOKEN }),
      202: one('Awaiting approval', {
        message: 'Registration request sent: an admin of the organization must approve it',
        user: { id: USER, email: 'user@example.com', fullName: 'John Doe', organizationId: null, role: null, createdAt: AT, updatedAt: AT },
      }),
    },
  },
  dualModeLogin: {
    request: one("The seed's body", { email: 'user@example.com', password: 'SecurePass123!' }),
    responses: {
      200: one('Signed in', {
        user: {
          id: USER,
          email: 'user@example.com',
          fullName: 'John Doe',
          organizationId: 1,
          role: 'lawyer',
          createdAt: AT,
          updatedAt: AT,
          lastLogin: '2026-01-31T12:00:00.000Z',
        },
        token: TOKEN,
      }),
    },
  },
  dualModeMe: { responses: { 200: one('The signed-in user', { user: johnDoe() }) } },
  dualModeUpdateMe: {
    request: one("The seed's body", { fullName: 'John Updated Doe' }),
    responses: { 200: one('Updated', { user: johnDoe({ fullName: 'John Updated Doe', updatedAt: '2026-01-31T12:00:00.000Z' }) }) },
  },
  dualModeLogout: { responses: { 200: one('Signed out', { message: 'Logged out successfully' }) } },
  dualModeListOrganizations: {
    responses: {
      200: one('The registration dropdown', {
        organizations: [
          { id: 1, name: 'Legal Firm A' },
          { id: 2, name: 'Legal Firm B' },
        ],
        total: 2,
        nextCursor: null,
      }),
    },
  },
  dualModeGetOrganization: { responses: { 200: one('Your organization', { organization: legalFirmA() }) } },
  dualModeCreateOrganization: {
    request: one("The seed's body", {
      name: 'New Legal Firm',
      country: 'SA',
      subscriptionTier: 'free',
      licenseNumber: 'LIC-003',
      contactInfo: 'contact@newfirm.com',
    }),
    responses: {
      201: one('Created', {
        organization: {
          id: 3,
          name: 'New Legal Firm',
          country: 'SA',
          subscriptionTier: 'free',
          licenseNumber: 'LIC-003',
          contactInfo: 'contact@newfirm.com',
          listed: true,
          createdAt: '2026-01-31T12:00:00.000Z',
          updatedAt: '2026-01-31T12:00:00.000Z',
        },
      }),
    },
  },
  dualModeUpdateOrganization: {
    request: one('Rename and unlist', { name: 'Updated Legal Firm', country: 'SA', listed: false }),
    responses: { 200: one('Updated', { organization: legalFirmA({ name: 'Updated Legal Firm', listed: false }) }) },
  },
  dualModeDeleteOrganization: { responses: { 200: one('Deleted', { message: 'Organization deleted successfully' }) } },
  dualModeOpenapi: {},
  dualModeSwagger: {},
  dualModeDocs: {},
});
