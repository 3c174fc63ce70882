// Request and response schemas of the /api/organisations routes, organisation switching, the audit trail
// and support access.
import * as z from 'zod/mini';
import { AUDIT_COLUMNS, toCsv, toNdjson } from '#domain/audit-export';
import { MAX_SUPPORT_HOURS } from '#domain/support-grant';
import { organisationSummary, userView } from './auth.ts';
import {
  auditPeriod,
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
import { type AreaExamples, CREATED, grant, MARTIN, martin, one, organisation, PAUL, REFRESH, TOKEN } from './walkthrough.ts';

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
export const auditQuery = /* @__PURE__ */ lazy(() => z.extend(pageQuery(), auditPeriod()));

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

/** The OpenAPI examples of the organisations routes (functions/routes/organisations.ts), by route: called by the OpenAPI document alone. */
const AUDIT_PAGE = {
  items: [
    {
      id: '6a0f3e2b-91c4-4d8e-b7a5-0c2e9f1d4b36',
      action: 'join-request.approved',
      actorId: MARTIN,
      target: PAUL,
      details: { role: 'MEMBER' },
      at: '2026-11-23T03:09:34.237Z',
    },
    { id: '0e4b7c19-5d2a-4f83-a6e1-7b9c3d8f2a50', action: 'organisation.created', actorId: MARTIN, at: CREATED },
  ],
  nextCursor: null,
};

export const organisationsExamples = (): AreaExamples => ({
  listOrganisations: {
    responses: {
      200: one("Dr Martin's organisations", { items: [{ organisation: organisation, role: 'ADMIN', status: 'ACTIVE', current: true }] }),
    },
  },
  createOrganisation: {
    request: one('A second practice', { organisationName: 'Cabinet Martin Lyon', country: 'FR' }),
    responses: {
      201: one('Created, the caller its ADMIN', {
        organisation: {
          ...organisation,
          id: '5b1e9c4a-0d7f-4a2e-8c36-91f0e2d4b7a8',
          nom: 'Cabinet Martin Lyon',
          slug: 'cabinet-martin-lyon',
          code: '2846193057',
          memberCount: 1,
        },
      }),
    },
  },
  getOrganisation: {
    responses: {
      200: one('The organisation (with its code, for an admin) and its record', {
        organisation: {
          ...organisation,
          description: 'Médecine générale, Paris 11e',
          licenseNumber: 'RPPS 10003456789',
          contactEmail: 'accueil@cabinet-martin.example',
          phone: '+33143551234',
          address: '18 rue Oberkampf\n75011 Paris',
        },
      }),
    },
  },
  updateOrganisation: {
    request: {
      describe: { summary: 'Describe it', value: { description: 'Médecine générale, Paris 11e' } },
      requireMfa: { summary: 'Require MFA of every member (the caller has it on)', value: { mfaRequired: true } },
    },
    responses: {
      200: one('Updated', {
        organisation: { ...organisation, description: 'Médecine générale, Paris 11e', updatedAt: '2026-11-23T05:01:44.902Z' },
      }),
    },
  },
  deleteOrganisation: { responses: { 202: one('The deletion is under way', { status: 'DELETING' }) } },
  leaveOrganisation: {},
  switchOrganisation: {
    request: one('Switch to another organisation', { organisationId: '5b1e9c4a-0d7f-4a2e-8c36-91f0e2d4b7a8', refreshToken: REFRESH }),
    responses: {
      200: one('A token for it', {
        token: TOKEN,
        expiresIn: 86400,
        user: { ...martin, organisationId: '5b1e9c4a-0d7f-4a2e-8c36-91f0e2d4b7a8' },
        organisation: { id: '5b1e9c4a-0d7f-4a2e-8c36-91f0e2d4b7a8', nom: 'Cabinet Martin Lyon', code: '2846193057' },
      }),
    },
  },
  listAudit: {
    responses: {
      200: {
        ...one('Newest first', AUDIT_PAGE),
        csv: {
          summary: 'The same page as CSV (Accept: text/csv)',
          contentType: 'text/csv',
          value: toCsv(AUDIT_COLUMNS, AUDIT_PAGE.items),
        },
        ndjson: {
          summary: 'The same page as NDJSON (Accept: application/x-ndjson)',
          contentType: 'application/x-ndjson',
          value: toNdjson(AUDIT_PAGE.items),
        },
      },
    },
  },
  getSupportAccess: { responses: { 200: one('An active grant', { grant: grant, active: true }) } },
  grantSupportAccess: {
    request: one('Two hours, for a ticket', { hours: 2, reason: 'Ticket #4521' }),
    responses: { 201: one('Granted', { grant: grant, active: true }) },
  },
  revokeSupportAccess: {},
});
