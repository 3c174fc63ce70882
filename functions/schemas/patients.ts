// Request and response schemas of the /api/patients routes.
import * as z from 'zod/mini';
import { pageQuery, personName, text } from './common.ts';
import { lazy } from './lazy.ts';
import { type AreaExamples, CREATED, one, PATIENT, patient } from './walkthrough.ts';

// Built inside each body schema (a function, not module-level schemas) so that bundles without those routes drop them.
const optionalFields = () => ({
  dateNaissance: z.iso.date('dateNaissance must be an ISO date (YYYY-MM-DD)'),
  email: z.email('email must be a valid email address').check(z.maxLength(254, 'email must be at most 254 characters')),
  telephone: text('telephone', { max: 40 }).check(
    z.regex(/^\+?[0-9 ().-]{6,20}$/, 'telephone must be 6 to 20 digits, spaces or + ( ) . -'),
  ),
  notes: text('notes', { max: 2000, multiline: true }),
});

export const createPatientBody = /* @__PURE__ */ lazy(() => {
  const field = optionalFields();
  return z.strictObject({
    nom: personName('nom'),
    prenom: personName('prenom'),
    dateNaissance: z.optional(field.dateNaissance),
    email: z.optional(field.email),
    telephone: z.optional(field.telephone),
    notes: z.optional(field.notes),
  });
});

// PATCH: every field optional; null clears an optional field.
export const updatePatientBody = /* @__PURE__ */ lazy(() => {
  const field = optionalFields();
  return z
    .strictObject({
      nom: z.optional(personName('nom')),
      prenom: z.optional(personName('prenom')),
      dateNaissance: z.optional(z.nullable(field.dateNaissance)),
      email: z.optional(z.nullable(field.email)),
      telephone: z.optional(z.nullable(field.telephone)),
      notes: z.optional(z.nullable(field.notes)),
    })
    .check(z.refine((body) => Object.keys(body).length > 0, 'At least one field must be given'));
});

// GET /api/patients: the page, and either the plain order or by name; `q` searches by name (and sorts by name).
export const patientListQuery = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    ...pageQuery().shape,
    q: z.optional(text('q', { min: 1, max: 100 }).check(z.regex(/[\p{L}\p{N}]/u, 'q must contain a letter or a digit'))),
    sort: z.optional(z.enum(['name'], { error: 'sort must be name' })),
  }),
);

export const patientResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    id: z.string(),
    nom: z.string(),
    prenom: z.string(),
    dateNaissance: z.optional(z.string()),
    email: z.optional(z.string()),
    telephone: z.optional(z.string()),
    notes: z.optional(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
);

export const patientListResponse = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    items: z.array(patientResponse()),
    nextCursor: z.nullable(z.string()),
  }),
);

/** The OpenAPI examples of the patients routes (functions/routes/patients.ts), by route: called by the OpenAPI document alone. */
export const patientsExamples = (): AreaExamples => ({
  createPatient: {
    request: one('A new patient', { nom: 'Durand', prenom: 'Claire', dateNaissance: '1984-03-12', email: 'claire.durand@example.org' }),
    responses: { 201: one('Created', patient) },
  },
  listPatients: {
    responses: {
      200: {
        default: { summary: 'One page', value: { items: [patient], nextCursor: null } },
        search: {
          summary: '?q=dur: family or given names starting with "dur" (or "Dür"), sorted by name',
          value: {
            items: [
              patient,
              { ...patient, id: 'c0f4e8a2-19b7-4d35-a6e1-7b2d9c3f5a80', nom: 'Dürr', prenom: 'Élise', email: 'elise.durr@example.org' },
            ],
            nextCursor: 'eyJ0IjoiWjJ4dVRvZ2VJVmZBS1pfSiIsImsiOiJkdXJyIGVsaXNlICNjMGY0ZThhMiJ9',
          },
        },
      },
    },
  },
  getPatient: { responses: { 200: one('The patient', patient) } },
  updatePatient: {
    request: one('A new phone number; the e-mail cleared', { telephone: '+33 6 12 34 56 78', email: null }),
    responses: {
      200: one('Updated', {
        id: PATIENT,
        nom: 'Durand',
        prenom: 'Claire',
        dateNaissance: '1984-03-12',
        telephone: '+33 6 12 34 56 78',
        createdAt: CREATED,
        updatedAt: '2026-11-23T04:15:22.031Z',
      }),
    },
  },
  deletePatient: {},
});
