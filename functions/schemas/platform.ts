// Request and response schemas of the /api/platform routes (platform super-admins only).
import * as z from 'zod/mini';
import { PLATFORM_AUDIT_COLUMNS, toCsv, toNdjson } from '#domain/audit-export';
import { DEFAULT_INVITATION_HOURS, MAX_INVITATION_HOURS } from '#domain/invitation';
import {
  auditPeriod,
  description,
  locale,
  maxUsers,
  organisationName,
  organisationRecordFields,
  pageQuery,
  personName,
  planTier,
  resourceId,
} from './common.ts';
import { lazy } from './lazy.ts';
import {
  accountInvitedResponse,
  inviteEmail,
  memberListResponse,
  memberResponse,
  memberView,
  roleRef,
  updateMemberBody,
} from './members.ts';
import { auditEntryFields, organisationRecordView } from './organisations.ts';
import { patientListResponse, patientResponse } from './patients.ts';
import { profileFields } from './profile-fields.ts';
import {
  type AreaExamples,
  accountInvitation,
  CREATED,
  claireMember,
  LILAS,
  lilasRecord,
  MARTIN,
  novemberFigures,
  OPS,
  one,
  patient,
  platformOrganisationRecord,
} from './walkthrough.ts';

const email = /* @__PURE__ */ lazy(() =>
  z.pipe(
    z.string().check(z.trim(), z.toLowerCase()),
    z.email('adminEmail must be a valid email address').check(z.maxLength(254, 'adminEmail must be at most 254 characters')),
  ),
);

export const createPlatformOrganisationBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    organisationName: organisationName(),
    ...organisationRecordFields(),
    country: z.optional(
      z.string().check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z]{2}$/, 'Country must be an ISO 3166 alpha-2 code (e.g. FR)')),
    ),
    subscriptionTier: z.optional(planTier()),
    maxUsers: z.optional(maxUsers()),
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
    ...organisationRecordView(),
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

/** One organisation; `deletion` while it is DELETING: when it was asked for and how many items are gone so far. */
export const platformOrganisationDetail = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    organisation: platformOrganisation(),
    deletion: z.optional(z.strictObject({ requestedAt: z.string(), itemsPurged: z.number() })),
  }),
);

export const createdPlatformOrganisation = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    organisation: platformOrganisation(),
    /** The invitation is e-mailed to adminEmail; its token is never in an answer. */
    invitation: z.strictObject({ id: z.string(), email: z.string(), role: z.literal('ADMIN'), expiresAt: z.string() }),
  }),
);

/**
 * The platform's changes to an organisation: its plan (subscriptionTier, maxUsers), which only the platform sets, and
 * its name and description. At least one field; null clears the description.
 */
export const updatePlatformOrganisationBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      organisationName: z.optional(organisationName()),
      description: z.optional(z.nullable(description())),
      subscriptionTier: z.optional(planTier()),
      maxUsers: z.optional(maxUsers()),
    })
    .check(z.refine((body) => Object.keys(body).length > 0, 'At least one field must be given')),
);

export const platformMemberParams = /* @__PURE__ */ lazy(() => z.strictObject({ id: resourceId(), userId: resourceId() }));

/**
 * A person's account in an organisation, by a platform operator: a new account (username = the address) gets a
 * set-password link there; an existing account is invited. No password, ever.
 */
export const platformAddMemberBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    email: inviteEmail(),
    nom: personName('nom'),
    prenom: personName('prenom'),
    role: roleRef(),
    /** The language of the e-mail (and of the new account's later mail); the configured default when absent. */
    locale: locale(),
    /** The person's optional profile, as every way of creating an account accepts it (used only for a new account). */
    ...profileFields(),
  }),
);

/** A new account, member at once: its set-password link went to `emailedTo` (the token is never in an answer). */
export const platformMemberCreatedResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    member: memberView(),
    setPasswordLink: z.strictObject({ emailedTo: z.string(), expiresAt: z.string() }),
  }),
);

export const platformAuditQuery = /* @__PURE__ */ lazy(() => z.extend(pageQuery(), auditPeriod()));

export const platformAuditListResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    items: z.array(
      z.strictObject({
        id: z.string(),
        /** The organisation concerned (it may no longer exist). */
        organisationId: z.string(),
        ...auditEntryFields(),
      }),
    ),
    nextCursor: z.nullable(z.string()),
  }),
);

// KPIs.

/** YYYY-MM months; the range rules (order, at most 24 months, defaults) are domain/metrics.ts metricsRange's. */
export const metricsQuery = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    from: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'from must be a month, YYYY-MM (e.g. 2026-01)'))),
    to: z.optional(z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'to must be a month, YYYY-MM (e.g. 2026-12)'))),
  }),
);

const approvalMedian = () =>
  z.nullable(
    z.strictObject({
      approvals: z.number(),
      lowerSeconds: z.number(),
      upperSeconds: z.nullable(z.number()),
      estimateSeconds: z.number(),
    }),
  );

const figures = () => ({
  organisationsCreated: z.number(),
  invitations: z.strictObject({ sent: z.number(), accepted: z.number(), declined: z.number(), revoked: z.number(), expired: z.number() }),
  joinRequests: z.strictObject({
    created: z.number(),
    approved: z.number(),
    rejected: z.number(),
    pending: z.number(),
    medianTimeToApproval: approvalMedian(),
  }),
  failedSignIns: z.number(),
  orphanAccountsFound: z.number(),
});

export const metricsResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    from: z.string(),
    to: z.string(),
    months: z.array(z.strictObject({ month: z.string(), ...figures() })),
    totals: z.strictObject(figures()),
    current: z.strictObject({
      invitationsPending: z.number(),
      joinRequestsPending: z.number(),
      expiriesCountedUntil: z.string(),
    }),
  }),
);

export {
  accountInvitedResponse as platformAccountInvitedResponse,
  memberListResponse as platformMemberListResponse,
  memberResponse as platformMemberResponse,
  patientListResponse as supportPatientListResponse,
  patientResponse as supportPatientResponse,
  updateMemberBody as platformUpdateMemberBody,
};

/** The OpenAPI examples of the platform routes (functions/routes/platform.ts), by route: called by the OpenAPI document alone. */
const PLATFORM_AUDIT_PAGE = {
  items: [
    {
      id: '5c1c88d0-5af6-414a-b0cc-a899fe5a8f3e',
      organisationId: LILAS,
      action: 'organisation.reactivated',
      actorId: OPS,
      target: LILAS,
      details: { superAdmin: 'ops@example.org', status: 'ACTIVE' },
      at: '2026-11-27T17:38:15.264Z',
    },
    {
      id: '035897b5-dbca-4668-99e0-875889227292',
      organisationId: LILAS,
      action: 'organisation.suspended',
      actorId: OPS,
      target: LILAS,
      details: { superAdmin: 'ops@example.org', status: 'SUSPENDED' },
      at: '2026-11-27T17:38:15.214Z',
    },
  ],
  nextCursor: 'eyJ0IjoiZkw3QUpiajcxWWVKOHNIXyIsImsiOiJBVURJVCMyMDI2…',
};

export const platformExamples = (): AreaExamples => ({
  platformListOrganisations: { responses: { 200: one('Newest first', { items: [platformOrganisationRecord], nextCursor: null }) } },
  platformCreateOrganisation: {
    request: one('Seed 003: the platform creates a clinic', {
      organisationName: 'Clinique des Lilas',
      licenseNumber: 'FINESS 750012345',
      contactEmail: 'accueil@clinique-des-lilas.example',
      phone: '+33142868200',
      address: '12 rue des Lilas\n75019 Paris',
      country: 'FR',
      subscriptionTier: 'pro',
      maxUsers: 25,
      adminEmail: 'direction@clinique-des-lilas.example',
      adminNom: 'Lefèvre',
      adminPrenom: 'Anne',
    }),
    responses: {
      201: one('The organisation and its first ADMIN invitation', {
        organisation: {
          ...platformOrganisationRecord,
          id: LILAS,
          nom: 'Clinique des Lilas',
          slug: 'clinique-des-lilas',
          subscriptionTier: 'pro',
          maxUsers: 25,
          memberCount: 0,
          adminCount: 0,
          ...lilasRecord,
        },
        invitation: {
          id: '9d2b6f1e-4a7c-4e3b-b5d8-2f0a6c9e1b74',
          email: 'direction@clinique-des-lilas.example',
          role: 'ADMIN',
          expiresAt: '2026-11-26T02:47:03.859Z',
        },
      }),
    },
  },
  platformGetOrganisation: {
    responses: {
      200: {
        default: { summary: 'An organisation', value: { organisation: platformOrganisationRecord } },
        deleting: {
          summary: 'Being deleted: the items purged so far',
          value: {
            organisation: { ...platformOrganisationRecord, status: 'DELETING', updatedAt: '2026-11-28T09:12:40.118Z' },
            deletion: { requestedAt: '2026-11-28T09:12:40.118Z', itemsPurged: 41200 },
          },
        },
      },
    },
  },
  platformUpdateOrganisation: {
    request: one('A paid plan', { subscriptionTier: 'pro', maxUsers: 20 }),
    responses: {
      200: one('Updated', {
        organisation: { ...platformOrganisationRecord, subscriptionTier: 'pro', maxUsers: 20, updatedAt: '2026-11-27T17:38:09.804Z' },
      }),
    },
  },
  platformSuspendOrganisation: {
    responses: { 200: one('Suspended', { organisation: { ...platformOrganisationRecord, status: 'SUSPENDED' } }) },
  },
  platformReactivateOrganisation: { responses: { 200: one('Active again', { organisation: platformOrganisationRecord }) } },
  platformSupportListPatients: { responses: { 200: one('One page', { items: [patient], nextCursor: null }) } },
  platformSupportGetPatient: { responses: { 200: one('The patient', patient) } },
  platformListMembers: {
    responses: {
      200: one('One page', {
        items: [
          { userId: MARTIN, username: 'dr.martin', nom: 'Martin', prenom: 'Jean', role: 'ADMIN', status: 'ACTIVE', joinedAt: CREATED },
          claireMember,
        ],
        nextCursor: null,
      }),
    },
  },
  platformAddMember: {
    request: one("Seed 004: an agent's account in any organisation", {
      email: 'accueil@clinique-des-lilas.example',
      nom: 'Petit',
      prenom: 'Lucas',
      role: 'VIEWER',
      locale: 'fr',
    }),
    responses: {
      201: one('A new account, member at once; the set-password link went to the address', {
        member: {
          userId: '2e8f4c1a-7b3d-4a96-8c05-d1f7e3b9a642',
          username: 'accueil@clinique-des-lilas.example',
          nom: 'Petit',
          prenom: 'Lucas',
          role: 'VIEWER',
          status: 'ACTIVE',
          joinedAt: '2026-11-27T17:40:12.301Z',
        },
        setPasswordLink: { emailedTo: 'accueil@clinique-des-lilas.example', expiresAt: '2026-11-30T17:40:12.301Z' },
      }),
      202: one('An existing account is invited: it becomes a member once it accepts', {
        invitation: { ...accountInvitation, expiresAt: '2026-11-30T17:40:12.301Z', createdAt: '2026-11-27T17:40:12.301Z' },
      }),
    },
  },
  platformUpdateMember: {
    request: one('Make a second ADMIN', { role: 'ADMIN' }),
    responses: { 200: one('Updated', { member: { ...claireMember, role: 'ADMIN' } }) },
  },
  platformListAudit: {
    responses: {
      200: {
        ...one('Newest first', PLATFORM_AUDIT_PAGE),
        csv: {
          summary: 'The same page as CSV (Accept: text/csv)',
          contentType: 'text/csv',
          value: toCsv(PLATFORM_AUDIT_COLUMNS, PLATFORM_AUDIT_PAGE.items),
        },
        ndjson: {
          summary: 'The same page as NDJSON (Accept: application/x-ndjson)',
          contentType: 'application/x-ndjson',
          value: toNdjson(PLATFORM_AUDIT_PAGE.items),
        },
      },
    },
  },
  platformMetrics: {
    responses: {
      200: one('November 2026', {
        from: '2026-11',
        to: '2026-11',
        months: [{ month: '2026-11', ...novemberFigures }],
        totals: novemberFigures,
        current: { invitationsPending: 1, joinRequestsPending: 0, expiriesCountedUntil: '2026-11-27T17:00:00.000Z' },
      }),
    },
  },
});
