// Seed 003 (clinic creation, base /compat/clinic): the request and answer shapes its clients send and read, field names
// as the seed writes them. Every field rule is Cabinet's own (schemas/common.ts: the password policy, names, e-mail,
// phone); the seed's own rules are the security questions (at least 2, no duplicates) and the password confirmation.
import * as z from 'zod/mini';
import { CLINIC_CODE_REQUIRED, TEMPORARY_CODE_HOURS, TEMPORARY_CODE_MESSAGE, TEMPORARY_CODE_PATTERN } from '#domain/temporary-code';
import {
  address,
  emailAddress,
  locale,
  organisationName,
  pageQuery,
  password,
  personName,
  phone,
  problemSchema,
  text,
} from '#schemas/common';
import { lazy } from '#schemas/lazy';
import { type AreaExamples, one } from '#schemas/walkthrough';

export const SECURITY_QUESTIONS_MIN = 2;
export const SECURITY_QUESTION_MESSAGES = {
  min: `Au moins ${SECURITY_QUESTIONS_MIN} questions de sécurité sont requises`,
  duplicate: 'Les questions de sécurité doivent être différentes',
} as const;
export const PASSWORDS_DIFFER = 'Les mots de passe ne correspondent pas';
export { CLINIC_CODE_REQUIRED };

/** A clinic code as typed: the permanent 10 digits, or the temporary XXX-TEMP-XXXXXXXX-XXXX in any case. */
const clinicCode = /* @__PURE__ */ lazy(() =>
  z.string({ error: CLINIC_CODE_REQUIRED }).check(
    z.trim(),
    z.toUpperCase(),
    z.minLength(1, CLINIC_CODE_REQUIRED),
    z.refine((code) => /^\d{10}$/.test(code) || TEMPORARY_CODE_PATTERN.test(code), 'Code clinique invalide'),
  ),
);

/** The same question asked twice, told apart from spacing and case. */
const questionKey = (question: string) => question.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * `{ question1: { question, answer }, question2: … }`. Validated as the seed says, never stored nor logged: the
 * account is recovered through an e-mailed link, not by answers (docs/migrating.md).
 */
const securityQuestions = /* @__PURE__ */ lazy(() =>
  z
    .record(
      z.string().check(z.regex(/^question[1-9]$/, 'Les questions sont question1 à question9')),
      z.strictObject({
        question: text('question', { min: 1, max: 300 }),
        answer: text('answer', { min: 1, max: 300 }),
      }),
    )
    .check(
      z.refine((questions) => Object.keys(questions).length >= SECURITY_QUESTIONS_MIN, SECURITY_QUESTION_MESSAGES.min),
      z.refine((questions) => {
        const asked = Object.values(questions).map((entry) => questionKey(entry.question));
        return new Set(asked).size === asked.length;
      }, SECURITY_QUESTION_MESSAGES.duplicate),
    ),
);

export const registerRequestBody = /* @__PURE__ */ lazy(() =>
  z
    .strictObject({
      nom: personName('nom'),
      prenom: personName('prenom'),
      email: emailAddress(),
      password: password(),
      passwordConfirm: z.optional(z.string().check(z.maxLength(256, 'passwordConfirm must be at most 256 characters'))),
      telephone: z.optional(phone()),
      adresse: z.optional(text('adresse', { min: 1, max: 255 })),
      roleSouhaite: text('roleSouhaite', { min: 1, max: 64 }),
      specialite: z.optional(text('specialite', { min: 1, max: 255 })),
      securityQuestions: securityQuestions(),
      clinicCode: clinicCode(),
      locale: locale(),
    })
    .check(
      z.refine((body) => body.passwordConfirm === undefined || body.passwordConfirm === body.password, {
        path: ['passwordConfirm'],
        message: PASSWORDS_DIFFER,
        when: (payload) => typeof payload.value === 'object' && payload.value !== null,
      }),
    ),
);

export const createClinicBody = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    clinicName: organisationName(),
    adminEmail: emailAddress(),
    adminName: personName('adminName'),
    adminPrenom: personName('adminPrenom'),
    address: z.optional(address()),
    phone: z.optional(phone()),
    clinicEmail: z.optional(emailAddress()),
    validityHours: z._default(
      z
        .number('validityHours must be a number')
        .check(
          z.int('validityHours must be an integer'),
          z.minimum(1, 'validityHours must be at least 1'),
          z.maximum(TEMPORARY_CODE_HOURS.max, `validityHours must be at most ${TEMPORARY_CODE_HOURS.max}`),
        ),
      TEMPORARY_CODE_HOURS.default,
    ),
    customTempCode: z.optional(z.string().check(z.trim(), z.toUpperCase(), z.regex(TEMPORARY_CODE_PATTERN, TEMPORARY_CODE_MESSAGE))),
    adminLocale: locale(),
  }),
);

export const reviewParams = /* @__PURE__ */ lazy(() =>
  z.strictObject({ id: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'Invalid identifier')) }),
);

/** The seed's approve has no body; a reviewer may name another role of the clinic (Cabinet's approval rule). */
export const approveBody = /* @__PURE__ */ lazy(() => z.optional(z.strictObject({ role: z.optional(text('role', { min: 1, max: 64 })) })));

export const rejectBody = /* @__PURE__ */ lazy(() =>
  z.optional(z.strictObject({ reason: z.optional(text('reason', { min: 1, max: 500, multiline: true })) })),
);

/** Cabinet's page (limit, cursor): the seed lists every pending request at once; here a page at a time. */
export const listQuery = /* @__PURE__ */ lazy(() => pageQuery());

// Answers.

const requestView = () =>
  z.strictObject({
    id: z.string(),
    nom: z.string(),
    prenom: z.string(),
    email: z.optional(z.string()),
    telephone: z.optional(z.string()),
    adresse: z.optional(z.string()),
    role_souhaite: z.optional(z.string()),
    specialite: z.optional(z.string()),
    statut: z.enum(['pending', 'approved', 'rejected']),
    clinic_id: z.string(),
    created_at: z.string(),
    role: z.optional(z.string()),
    reviewed_by: z.optional(z.string()),
    reviewed_at: z.optional(z.string()),
    date_approbation: z.optional(z.string()),
    raison: z.optional(z.string()),
  });

export const registrationRequestResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ success: z.literal(true), message: z.string(), request: requestView() }),
);

export const registrationRequestListResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({ success: z.literal(true), requests: z.array(requestView()), nextCursor: z.nullable(z.string()) }),
);

export const registerRequestResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    success: z.literal(true),
    message: z.string(),
    request: z.strictObject({
      id: z.string(),
      email: z.string(),
      statut: z.enum(['pending', 'approved']),
      clinic_id: z.string(),
      clinic_name: z.string(),
    }),
  }),
);

export const createClinicResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    success: z.literal(true),
    message: z.string(),
    clinic: z.strictObject({
      id: z.string(),
      name: z.string(),
      code: z.string(),
      is_temporary_code: z.literal(true),
      active: z.boolean(),
      address: z.optional(z.string()),
      phone: z.optional(z.string()),
      email: z.optional(z.string()),
      created_by_super_admin: z.string(),
      created_at: z.string(),
    }),
    temporaryCode: z.strictObject({ code: z.string(), expires_at: z.string() }),
    admin: z.strictObject({
      id: z.optional(z.string()),
      email: z.string(),
      nom: z.string(),
      prenom: z.string(),
      role: z.literal('CLINIC_ADMIN'),
      status: z.enum(['PENDING', 'INVITED']),
      invitation_id: z.optional(z.string()),
    }),
    credentials: z.strictObject({
      email: z.string(),
      clinicCode: z.string(),
      tempPassword: z.string(),
      setPasswordLinkExpiresAt: z.string(),
    }),
  }),
);

/** Every refusal: Cabinet's problem+json, plus the seed's `success: false` and its message in `error`. */
export const clinicError = /* @__PURE__ */ lazy(() => z.extend(problemSchema(), { success: z.literal(false), error: z.string() }));

// Seed 003's own example values: its clinic, its admin, an agent's register-request (section 2.1).
const CLINIC = '5f0c3b8e-2a41-4d7b-9c16-3e8a0f4d2b71';
const ROOT = '7c0e2a51-3f4d-4e8b-9a61-5d2f0c8b1e47';
const ADMIN = 'a3e1d2c4-5b6f-4789-8a0b-1c2d3e4f5a6b';
const AGENT = 'e4b2c1d0-9f8e-4a7b-8c6d-5e4f3a2b1c0d';
const AT = '2026-02-02T09:00:00.000Z';
const TEMP = 'CLI-TEMP-1A2B3C4D-0042';

const agentRequest = (statut: 'pending' | 'approved' | 'rejected') => ({
  id: AGENT,
  nom: 'Diallo',
  prenom: 'Awa',
  email: 'awa.diallo@example.org',
  telephone: '+221771234567',
  adresse: '12 rue des Palmiers, Dakar',
  role_souhaite: 'INFIRMIER',
  specialite: 'Pédiatrie',
  statut,
  clinic_id: CLINIC,
  created_at: AT,
  ...(statut === 'pending' ? {} : { reviewed_by: ADMIN, reviewed_at: '2026-02-02T10:00:00.000Z' }),
  ...(statut === 'approved' ? { role: 'MEMBER', date_approbation: '2026-02-02T10:00:00.000Z' } : {}),
  ...(statut === 'rejected' ? { raison: 'Poste déjà pourvu' } : {}),
});

/** Seed 003's own examples (its create-clinic and register-request bodies), for its OpenAPI document only. */
export const clinicExamples = (): AreaExamples => ({
  clinicCreateClinic: {
    request: one("The seed's body", {
      clinicName: 'Clinique du Lac',
      adminEmail: 'moussa.ndiaye@cliniquedulac.example',
      adminName: 'Ndiaye',
      adminPrenom: 'Moussa',
      address: '4 avenue du Lac, Dakar',
      phone: '+221 33 123 45 67',
      clinicEmail: 'contact@cliniquedulac.example',
      validityHours: 72,
    }),
    responses: {
      201: one('Created: the admin is e-mailed a link to choose a password', {
        success: true,
        message: "Clinique créée. L'administrateur reçoit par email le lien pour choisir son mot de passe.",
        clinic: {
          id: CLINIC,
          name: 'Clinique du Lac',
          code: TEMP,
          is_temporary_code: true,
          active: true,
          address: '4 avenue du Lac, Dakar',
          phone: '+221331234567',
          email: 'contact@cliniquedulac.example',
          created_by_super_admin: ROOT,
          created_at: AT,
        },
        temporaryCode: { code: TEMP, expires_at: '2026-02-05T09:00:00.000Z' },
        admin: {
          id: ADMIN,
          email: 'moussa.ndiaye@cliniquedulac.example',
          nom: 'Ndiaye',
          prenom: 'Moussa',
          role: 'CLINIC_ADMIN',
          status: 'PENDING',
        },
        credentials: {
          email: 'moussa.ndiaye@cliniquedulac.example',
          clinicCode: TEMP,
          tempPassword: '*** Envoyé par email sécurisé ***',
          setPasswordLinkExpiresAt: '2026-02-05T09:00:00.000Z',
        },
      }),
    },
  },
  clinicRegisterRequest: {
    request: one("The seed's body, with a password Cabinet's policy accepts", {
      nom: 'Diallo',
      prenom: 'Awa',
      email: 'awa.diallo@example.org',
      password: 'Stethoscope2026!',
      passwordConfirm: 'Stethoscope2026!',
      telephone: '+221 77 123 45 67',
      adresse: '12 rue des Palmiers, Dakar',
      roleSouhaite: 'INFIRMIER',
      specialite: 'Pédiatrie',
      securityQuestions: {
        question1: { question: 'Nom de votre premier animal ?', answer: 'Rex' },
        question2: { question: 'Ville de naissance ?', answer: 'Thiès' },
      },
      clinicCode: TEMP,
    }),
    responses: {
      201: one('Pending approval', {
        success: true,
        message: "Demande d'inscription envoyée. Un administrateur de la clinique doit l'approuver.",
        request: { id: AGENT, email: 'awa.diallo@example.org', statut: 'pending', clinic_id: CLINIC, clinic_name: 'Clinique du Lac' },
      }),
    },
  },
  clinicListRegistrationRequests: {
    responses: { 200: one('One pending request', { success: true, requests: [agentRequest('pending')], nextCursor: null }) },
  },
  clinicApproveRegistrationRequest: {
    responses: { 200: one('Approved', { success: true, message: 'Demande approuvée.', request: agentRequest('approved') }) },
  },
  clinicRejectRegistrationRequest: {
    request: one('With a reason (optional: the seed sends no body)', { reason: 'Poste déjà pourvu' }),
    responses: { 200: one('Rejected', { success: true, message: 'Demande rejetée.', request: agentRequest('rejected') }) },
  },
  clinicOpenapi: {},
  clinicDocs: {},
});
