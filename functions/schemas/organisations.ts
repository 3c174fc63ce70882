// Request and response schemas of the /api/organisations routes, organisation switching, the audit trail
// and support access.
import * as z from 'zod/mini';
import { MAX_SUPPORT_HOURS } from '#domain/support-grant';
import { organisationSummary, userView } from './auth.ts';
import {
  organisationName,
  organisationRecordChanges,
  organisationRecordFields,
  pageQuery,
  refusedField,
  resourceId,
  selfServiceTier,
  text,
} from './common.ts';
import { lazy } from './lazy.ts';
import { country } from './registration.ts';

// Seed 001 posts {"name": …}; the rest of the API says organisationName: either is accepted, not both.
const oneName = () =>
  z.refine<{ organisationName?: string | undefined; name?: string | undefined }>(
    (body) => body.organisationName === undefined || body.name === undefined,
    { message: 'Give organisationName or name, not both', path: ['name'] },
  );

export const createOrganisationBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      organisationName: z.optional(organisationName()),
      name: z.optional(organisationName()),
      ...organisationRecordFields(),
      country: country(),
      subscriptionTier: selfServiceTier(),
    })
    .check(
      z.refine((body) => body.organisationName !== undefined || body.name !== undefined, {
        message: 'organisationName is required',
        path: ['organisationName'],
      }),
      oneName(),
    ),
);

// PATCH: every field optional; null clears a record field. The plan (subscriptionTier, maxUsers) belongs to the
// platform: a tenant sending either gets a 400 naming it.
export const updateOrganisationBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      organisationName: z.optional(organisationName()),
      name: z.optional(organisationName()),
      ...organisationRecordChanges(),
      country: country(),
      subscriptionTier: refusedField(
        'subscriptionTier is set by the platform, not by the organisation (PATCH /api/platform/organisations/{id})',
      ),
      maxUsers: refusedField('maxUsers is set by the platform, not by the organisation (PATCH /api/platform/organisations/{id})'),
      mfaRequired: z.optional(z.boolean('mfaRequired must be true or false')),
    })
    .check(
      z.refine((body) => Object.keys(body).length > 0, 'At least one field must be given'),
      oneName(),
    ),
);

export const switchOrganisationBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    organisationId: resourceId(),
    refreshToken: z.string().check(z.minLength(1, 'Refresh token is required'), z.maxLength(8192, 'Refresh token is too long')),
  }),
);

export const grantSupportAccessBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    hours: z
      .number('hours must be a number')
      .check(
        z.int('hours must be an integer'),
        z.minimum(1, 'hours must be at least 1'),
        z.maximum(MAX_SUPPORT_HOURS, `hours must be at most ${MAX_SUPPORT_HOURS}`),
      ),
    reason: z.optional(text('Reason', { max: 500, multiline: true })),
  }),
);

export const organisationParams = /* @__PURE__ */ lazy(() => z.strictObject({ id: resourceId() }));
export const auditQuery = pageQuery;

/** The record fields as an answer shows them (to the organisation's ACTIVE members and the platform). */
export const organisationRecordView = () => ({
  licenseNumber: z.optional(z.string()),
  contactEmail: z.optional(z.string()),
  phone: z.optional(z.string()),
  address: z.optional(z.string()),
});

export const organisationView = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    id: z.string(),
    nom: z.string(),
    slug: z.string(),
    code: z.optional(z.string().check(z.regex(/^\d{10}$/))),
    status: z.enum(['ACTIVE', 'SUSPENDED', 'DELETING']),
    country: z.string(),
    subscriptionTier: z.string(),
    maxUsers: z.number(),
    memberCount: z.number(),
    description: z.optional(z.string()),
    ...organisationRecordView(),
    /** Members must have turned TOTP MFA on to use the organisation's member routes. */
    mfaRequired: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

export const organisationResponse = /* @__PURE__ */ lazy(() => z.strictObject({ organisation: organisationView() }));

/** DELETE /api/organisations/{id}: the deletion is under way (a worker purges the organisation). */
export const organisationDeletionResponse = /* @__PURE__ */ lazy(() => z.strictObject({ status: z.literal('DELETING') }));

export const organisationListResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    items: z.array(
      z.strictObject({
        organisation: organisationView(),
        role: z.string(),
        status: z.enum(['ACTIVE', 'SUSPENDED', 'PENDING']),
        current: z.boolean(),
      }),
    ),
  }),
);

export const switchOrganisationResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    token: z.string(),
    expiresIn: z.number(),
    user: userView(),
    organisation: organisationSummary(),
  }),
);

/**
 * What an audit entry shows after its id, in an organisation's trail and in the platform's (whose entries also name
 * their organisation, platform.ts): one list of fields for both pages.
 */
export const auditEntryFields = () => ({
  action: z.string(),
  actorId: z.string(),
  target: z.optional(z.string()),
  details: z.optional(z.record(z.string(), z.unknown())),
  at: z.string(),
});

export const auditListResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    items: z.array(z.strictObject({ id: z.string(), ...auditEntryFields() })),
    nextCursor: z.nullable(z.string()),
  }),
);

export const supportGrantView = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    grantedBy: z.string(),
    grantedAt: z.string(),
    expiresAt: z.string(),
    reason: z.optional(z.string()),
    revokedAt: z.optional(z.string()),
    revokedBy: z.optional(z.string()),
  }),
);

export const supportAccessResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ grant: z.nullable(supportGrantView()), active: z.boolean() }),
);
