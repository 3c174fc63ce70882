// Request and response schemas of the /api/platform routes (platform super-admins only).
import * as z from 'zod/mini';
import { DEFAULT_INVITATION_HOURS, MAX_INVITATION_HOURS } from '#domain/invitation';
import { description, locale, organisationName, personName, resourceId } from './common.ts';
import { lazy } from './lazy.ts';
import { patientListResponse, patientResponse } from './patients.ts';

export const MAX_ORGANISATION_USERS = 10_000;

const email = /* @__PURE__ */ lazy(() =>
  z.pipe(
    z.string().check(z.trim(), z.toLowerCase()),
    z.email('adminEmail must be a valid email address').check(z.maxLength(254, 'adminEmail must be at most 254 characters')),
  ),
);

export const createPlatformOrganisationBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    organisationName: organisationName(),
    description: z.optional(description()),
    country: z.optional(
      z.string().check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z]{2}$/, 'Country must be an ISO 3166 alpha-2 code (e.g. FR)')),
    ),
    subscriptionTier: z.optional(
      z
        .string()
        .check(
          z.trim(),
          z.toLowerCase(),
          z.regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'Subscription tier must be 1 to 40 letters, digits, - or _'),
        ),
    ),
    maxUsers: z.optional(
      z
        .number()
        .check(
          z.int('maxUsers must be an integer'),
          z.minimum(1, 'maxUsers must be at least 1'),
          z.maximum(MAX_ORGANISATION_USERS, `maxUsers must be at most ${MAX_ORGANISATION_USERS}`),
        ),
    ),
    adminEmail: email(),
    adminNom: z.optional(personName('adminNom')),
    adminPrenom: z.optional(personName('adminPrenom')),
    /** The language of the invitation e-mail. */
    adminLocale: locale(),
    expiresInHours: z._default(
      z
        .number()
        .check(
          z.int('expiresInHours must be an integer'),
          z.minimum(1, 'expiresInHours must be at least 1'),
          z.maximum(MAX_INVITATION_HOURS, `expiresInHours must be at most ${MAX_INVITATION_HOURS}`),
        ),
      DEFAULT_INVITATION_HOURS,
    ),
  }),
);

export const organisationPatientParams = /* @__PURE__ */ lazy(() => z.strictObject({ id: resourceId(), patientId: resourceId() }));

export const platformOrganisation = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    id: z.string(),
    nom: z.string(),
    slug: z.string(),
    status: z.enum(['ACTIVE', 'SUSPENDED', 'DELETING']),
    country: z.string(),
    subscriptionTier: z.string(),
    maxUsers: z.number(),
    memberCount: z.number(),
    adminCount: z.number(),
    description: z.optional(z.string()),
    mfaRequired: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

export const platformOrganisationList = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    items: z.array(platformOrganisation()),
    nextCursor: z.nullable(z.string()),
  }),
);

export const platformOrganisationResponse = /* @__PURE__ */ lazy(() => z.strictObject({ organisation: platformOrganisation() }));

export const createdPlatformOrganisation = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    organisation: platformOrganisation(),
    /** The invitation is e-mailed to adminEmail; its token is never in an answer. */
    invitation: z.strictObject({ id: z.string(), email: z.string(), role: z.literal('ADMIN'), expiresAt: z.string() }),
  }),
);

export { patientListResponse as supportPatientListResponse, patientResponse as supportPatientResponse };
