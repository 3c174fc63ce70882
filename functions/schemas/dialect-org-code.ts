// Seed 001 (organisation code, base /compat/org-code): the bodies its clients send and the answers they read, field
// names as the seed writes them. The field rules are Cabinet's (schemas/common.ts); the code's message is the seed's.
import * as z from 'zod/mini';
import { emailAddress, organisationName, problemSchema, resourceId, text } from '#schemas/common';
import { lazy } from '#schemas/lazy';
import { type AreaExamples, one } from '#schemas/walkthrough';

/** The seed's own words for a malformed code (its curl test "Code trop court"). */
export const CODE_RULE = 'Code must be exactly 10 digits';

export const orgCodeCreateOrganizationBody = /* @__PURE__ */ lazy(() => z.strictObject({ name: organisationName() }));

export const orgCodeOrganization = /* @__PURE__ */ lazy(() =>
  z.strictObject({ id: z.string(), name: z.string(), slug: z.string(), organization_code: z.string() }),
);

export const orgCodeCreateOrganizationResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ success: z.literal(true), organization: orgCodeOrganization() }),
);

export const orgCodeRegisterBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    userId: resourceId(),
    email: emailAddress(),
    fullName: text('fullName', { min: 1, max: 200 }),
    organizationCode: z.string({ error: CODE_RULE }).check(z.trim(), z.regex(/^\d{10}$/, CODE_RULE)),
  }),
);

export const orgCodeRegisterResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    success: z.literal(true),
    message: z.string(),
    organization: z.strictObject({ id: z.string(), name: z.string() }),
    /** The code's role, lower-cased as the seed's user_organizations.role (`member` by default). */
    role: z.string(),
    /** `active`, or `pending` when the organisation's code needs an admin's approval. */
    status: z.enum(['active', 'pending']),
  }),
);

/** Every refusal: Cabinet's problem+json, plus the seed's `success: false` and its message in `error`. */
export const orgCodeError = /* @__PURE__ */ lazy(() => z.extend(problemSchema(), { success: z.literal(false), error: z.string() }));

const ORG = '0a42d951-602f-4fd0-bf14-a74ced19aa26';
const USER = 'd79e81f2-755e-4de5-9e7e-1482f93f6231';

/** Seed 001's own examples (its request bodies, its answer, its curl tests), for its OpenAPI document only. */
export const orgCodeExamples = (): AreaExamples => ({
  orgCodeCreateOrganization: {
    request: one("The seed's body", { name: 'Ma Nouvelle Organisation' }),
    responses: {
      201: one('Created with its code', {
        success: true,
        organization: { id: ORG, name: 'Ma Nouvelle Organisation', slug: 'ma-nouvelle-organisation', organization_code: '1234567890' },
      }),
    },
  },
  orgCodeRegister: {
    request: one("The seed's curl test, with the signed-in user's own id", {
      userId: USER,
      email: 'user@example.com',
      fullName: 'John Doe',
      organizationCode: '5525548542',
    }),
    responses: {
      201: one('Joined as member', {
        success: true,
        message: 'User registered successfully',
        organization: { id: ORG, name: 'Test Organization' },
        role: 'member',
        status: 'active',
      }),
      202: one('Awaiting approval', {
        success: true,
        message: 'Registration request sent: an admin of the organization must approve it',
        organization: { id: ORG, name: 'Test Organization' },
        role: 'member',
        status: 'pending',
      }),
    },
  },
  orgCodeOpenapi: {},
  orgCodeDocs: {},
});
