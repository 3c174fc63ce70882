// Request and response schemas of POST /api/auth/register and of the join-code and join-request routes.
import * as z from 'zod/mini';
import { JOIN_REQUEST_STATUSES } from '#domain/join-request';
import { noOrganisationSessionResponse, sessionResponse } from './auth.ts';
import {
  emailAddress,
  locale,
  organisationName,
  pageQuery,
  password,
  personName,
  registrationRecordFields,
  resourceId,
  selfServiceTier,
  text,
} from './common.ts';
import { lazy } from './lazy.ts';
import { profileFields } from './profile-fields.ts';
import { type AreaExamples, aminaSession, claireSession, joinCode, MARTIN, MARTIN_ORG, one, PAUL, paulRequest } from './walkthrough.ts';

export const CODE_FORMAT_MESSAGE = 'Code must be exactly 10 digits';

// The email is the username: trimmed and lower-cased, within Cognito's 128-character username limit.
const email = emailAddress;

const personalFields = () => ({
  email: email(),
  password: password(),
  confirmPassword: z.string().check(z.maxLength(256, 'confirmPassword must be at most 256 characters')),
  fullName: z.optional(text('Full name', { min: 2, max: 200 })),
  nom: z.optional(personName('nom')),
  prenom: z.optional(personName('prenom')),
  locale: locale(),
  ...profileFields(),
});

type Personal = { password?: unknown; confirmPassword?: unknown; fullName?: unknown; nom?: unknown; prenom?: unknown };
// Cross-field rules run even when other fields failed, so one answer lists every problem.
const always = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };
const given = (value: unknown) => value !== undefined;

const personalChecks = () => [
  z.refine<Personal>((b) => typeof b.password !== 'string' || typeof b.confirmPassword !== 'string' || b.password === b.confirmPassword, {
    ...always,
    path: ['confirmPassword'],
    message: 'Passwords do not match',
  }),
  z.refine<Personal>((b) => given(b.fullName) || given(b.nom) || given(b.prenom), {
    ...always,
    path: ['fullName'],
    message: 'fullName is required (or nom and prenom)',
  }),
  z.refine<Personal>((b) => !given(b.fullName) || (!given(b.nom) && !given(b.prenom)), {
    ...always,
    path: ['fullName'],
    message: 'Give either fullName or nom and prenom, not both',
  }),
  z.refine<Personal>((b) => given(b.fullName) || !given(b.nom) || given(b.prenom), {
    ...always,
    path: ['prenom'],
    message: 'prenom is required with nom',
  }),
  z.refine<Personal>((b) => given(b.fullName) || !given(b.prenom) || given(b.nom), {
    ...always,
    path: ['nom'],
    message: 'nom is required with prenom',
  }),
];

/** Country (ISO 3166-1 alpha-2, officially assigned), shared with the organisation routes. */
export const country = /* @__PURE__ */ lazy(() => {
  // ISO 3166-1 alpha-2, officially assigned codes only (no UK, EU, XK …).
  const codes = new Set(
    (
      'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
      'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
      'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
      'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
      'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
      'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG ' +
      'UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
    ).split(' '),
  );
  return z.optional(
    z.string().check(
      z.trim(),
      z.toUpperCase(),
      z.refine((code) => codes.has(code), 'country must be an ISO 3166-1 alpha-2 code (e.g. FR)'),
    ),
  );
});

export const registerCreateBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      registrationType: z.literal('create'),
      ...personalFields(),
      organisationName: organisationName(),
      ...registrationRecordFields(),
      country: country(),
      subscriptionTier: selfServiceTier(),
    })
    .check(...personalChecks()),
);

/** A join code as a person types it: 10 digits, surrounding spaces ignored. */
const organisationCode = /* @__PURE__ */ lazy(() =>
  z.string({ error: CODE_FORMAT_MESSAGE }).check(z.trim(), z.regex(/^\d{10}$/, CODE_FORMAT_MESSAGE)),
);

export const registerJoinBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      registrationType: z.literal('join'),
      ...personalFields(),
      organisationCode: organisationCode(),
    })
    .check(...personalChecks()),
);

/** An account without an organisation (seed 004's is_organization: false): it joins or creates one later. */
export const registerAccountBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      registrationType: z.literal('account'),
      ...personalFields(),
    })
    .check(...personalChecks()),
);

export const registerBody = /* @__PURE__ */ lazy(() =>
  z.discriminatedUnion('registrationType', [registerCreateBody(), registerJoinBody(), registerAccountBody()], {
    error: 'registrationType must be "create", "join" or "account"',
  }),
);

/** A registration's session: with the new or joined organisation, or without any ("account"). */
export const registeredResponse = /* @__PURE__ */ lazy(() => z.union([sessionResponse(), noOrganisationSessionResponse()]));

export const pendingRegistrationResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    status: z.literal('PENDING'),
    user: z.strictObject({ id: z.string(), username: z.string(), nom: z.string(), prenom: z.string() }),
    organisation: z.strictObject({ id: z.string(), nom: z.string() }),
  }),
);

export { sessionResponse };

/** An account that already exists joins another organisation with its code (POST /api/auth/join-organisation). */
export const joinOrganisationBody = /* @__PURE__ */ lazy(() => z.strictObject({ organisationCode: organisationCode() }));

export const joinedOrganisationResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    organisation: z.strictObject({ id: z.string(), nom: z.string() }),
    membership: z.strictObject({ role: z.string(), status: z.enum(['ACTIVE', 'PENDING']) }),
  }),
);

// Join code management.

const roleName = /* @__PURE__ */ lazy(() =>
  z.string().check(z.trim(), z.minLength(1, 'role must not be empty'), z.maxLength(64, 'role must be at most 64 characters')),
);

export const joinCodeResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    code: z.string(),
    enabled: z.boolean(),
    expiresAt: z.nullable(z.string()),
    maxUses: z.nullable(z.number()),
    uses: z.number(),
    role: z.string(),
    requiresApproval: z.boolean(),
    /** Whether every ACTIVE member sees the code (and may share it), not only those who manage the organisation. */
    sharedWithMembers: z.boolean(),
  }),
);

export const updateJoinCodeBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      enabled: z.optional(z.boolean({ error: 'enabled must be true or false' })),
      expiresAt: z.optional(
        z.nullable(
          z.iso
            .datetime({ offset: true, error: 'expiresAt must be an ISO 8601 date-time (e.g. 2030-01-31T12:00:00Z) or null' })
            .check(z.refine((value) => Date.parse(value) > Date.now(), 'expiresAt must be in the future')),
        ),
      ),
      maxUses: z.optional(
        z.nullable(
          z
            .number({ error: 'maxUses must be an integer of at least 1, or null' })
            .check(
              z.int('maxUses must be an integer'),
              z.minimum(1, 'maxUses must be at least 1'),
              z.maximum(1_000_000, 'maxUses must be at most 1000000'),
            ),
        ),
      ),
      role: z.optional(
        roleName().check(
          z.refine((role) => role.toUpperCase() !== 'ADMIN', 'A join code cannot grant ADMIN: it holds management permissions'),
        ),
      ),
      requiresApproval: z.optional(z.boolean({ error: 'requiresApproval must be true or false' })),
      sharedWithMembers: z.optional(z.boolean({ error: 'sharedWithMembers must be true or false' })),
    })
    .check(z.refine((body) => Object.keys(body).length > 0, 'At least one field must be given')),
);

// Join requests.

export const joinRequestParams = /* @__PURE__ */ lazy(() => z.strictObject({ id: resourceId(), userId: resourceId() }));

export const listJoinRequestsQuery = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    status: z._default(z.enum(JOIN_REQUEST_STATUSES, { error: 'status must be one of PENDING, APPROVED, REJECTED' }), 'PENDING'),
    limit: pageQuery().shape.limit,
    cursor: pageQuery().shape.cursor,
  }),
);

export const approveJoinRequestBody = /* @__PURE__ */ lazy(() => z.strictObject({ role: z.optional(roleName()) }));

export const rejectJoinRequestBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    reason: text('reason', { min: 1, max: 500, multiline: true }),
  }),
);

export const joinRequestResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    userId: z.string(),
    username: z.string(),
    nom: z.string(),
    prenom: z.string(),
    email: z.optional(z.string()),
    requestedRole: z.string(),
    status: z.enum(JOIN_REQUEST_STATUSES),
    createdAt: z.string(),
    role: z.optional(z.string()),
    reviewedBy: z.optional(z.string()),
    reviewedAt: z.optional(z.string()),
    reason: z.optional(z.string()),
  }),
);

export const joinRequestListResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    items: z.array(joinRequestResponse()),
    nextCursor: z.nullable(z.string()),
  }),
);

/** The OpenAPI examples of the registration routes (functions/routes/registration.ts), by route: called by the OpenAPI document alone. */
export const registrationExamples = (): AreaExamples => ({
  register: {
    request: {
      join: {
        summary: 'Seed 001: join with the 10-digit code',
        value: {
          registrationType: 'join',
          email: 'claire.dubois@example.org',
          password: 'Secretaire2025!',
          confirmPassword: 'Secretaire2025!',
          fullName: 'Claire Dubois',
          organisationCode: '5014409691',
        },
      },
      account: {
        summary: "Seed 004's is_organization: false: an account without organisation, with profile fields",
        value: {
          registrationType: 'account',
          email: 'amina.diallo@example.org',
          password: 'Infirmiere2025!',
          confirmPassword: 'Infirmiere2025!',
          nom: 'Diallo',
          prenom: 'Amina',
          gender: 'female',
          dateOfBirth: '1992-04-03',
          phone: '+33698765432',
          avatarUrl: 'https://cdn.example.org/avatars/amina.jpg',
        },
      },
      create: {
        summary: 'Seed 002: create an organisation',
        value: {
          registrationType: 'create',
          email: 'dr.moreau@example.org',
          password: 'Clinique2025!',
          confirmPassword: 'Clinique2025!',
          nom: 'Moreau',
          prenom: 'Inès',
          organisationName: 'Clinique Moreau',
          description: 'Clinique de jour, Lyon 3e',
          country: 'FR',
          subscriptionTier: 'free',
        },
      },
    },
    responses: {
      201: {
        joined: { summary: 'Joined and signed in', value: claireSession },
        account: { summary: 'An account without organisation, signed in', value: aminaSession },
      },
      202: one('The code requires approval: a pending request, no token', {
        status: 'PENDING',
        user: { id: PAUL, username: 'paul.leroy@example.org', nom: 'Leroy', prenom: 'Paul' },
        organisation: { id: MARTIN_ORG, nom: 'Cabinet Dr Martin' },
      }),
    },
  },
  joinOrganisation: {
    request: one('A practitioner of another practice joins by code', { organisationCode: '5014409691' }),
    responses: {
      201: one('Joined', { organisation: { id: MARTIN_ORG, nom: 'Cabinet Dr Martin' }, membership: { role: 'MEMBER', status: 'ACTIVE' } }),
      202: one('Awaiting approval', {
        organisation: { id: MARTIN_ORG, nom: 'Cabinet Dr Martin' },
        membership: { role: 'VIEWER', status: 'PENDING' },
      }),
    },
  },
  getJoinCode: { responses: { 200: one('The code and its policy', joinCode) } },
  updateJoinCode: {
    request: one('Seed 003: joining needs approval, as VIEWER', { requiresApproval: true, role: 'VIEWER' }),
    responses: { 200: one('Updated', { ...joinCode, role: 'VIEWER', requiresApproval: true }) },
  },
  rotateJoinCode: { responses: { 200: one('A new code', { ...joinCode, code: '7302918465' }) } },
  listJoinRequests: { responses: { 200: one('Pending requests', { items: [paulRequest], nextCursor: null }) } },
  approveJoinRequest: {
    request: one('Approve with another role', { role: 'MEMBER' }),
    responses: {
      200: one('Approved', {
        ...paulRequest,
        status: 'APPROVED',
        role: 'MEMBER',
        reviewedBy: MARTIN,
        reviewedAt: '2026-11-23T03:09:34.237Z',
      }),
    },
  },
  rejectJoinRequest: {
    request: one('Reject with a reason', { reason: 'Unknown to the practice' }),
    responses: {
      200: one('Rejected', {
        ...paulRequest,
        status: 'REJECTED',
        reviewedBy: MARTIN,
        reviewedAt: '2026-11-23T03:09:34.237Z',
        reason: 'Unknown to the practice',
      }),
    },
  },
});
