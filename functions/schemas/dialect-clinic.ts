// Seed 003 (clinic creation, base /compat/clinic): the request and answer shapes its clients send and read, field names
// as the seed writes them. Every field rule is Cabinet's own (schemas/common.ts: the password policy, names, e-mail,
// phone); the seed's own rules are the security questions (at least 2, no duplicates) and the password confirmation.
import * as z from 'zod/mini';
import { TEMPORARY_CODE_HOURS, TEMPORARY_CODE_MESSAGE, TEMPORARY_CODE_PATTERN } from '#domain/temporary-code';
import { address, emailAddress, locale, organisationName, pageQuery, password, personName, phone, text } from '#schemas/common';
import { lazy } from '#schemas/lazy';

export const SECURITY_QUESTIONS_MIN = 2;
export const SECURITY_QUESTION_MESSAGES = {
  min: `Au moins ${SECURITY_QUESTIONS_MIN} questions de sécurité sont requises`,
  duplicate: 'Les questions de sécurité doivent être différentes',
} as const;
export const PASSWORDS_DIFFER = 'Les mots de passe ne correspondent pas';
export const CLINIC_CODE_REQUIRED = 'Le code clinique est requis';

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
