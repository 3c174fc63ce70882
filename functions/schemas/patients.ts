// Request and response schemas of the /api/patients routes.
import * as z from 'zod/mini';
import { pageQuery, personName, text } from './common.ts';
import { lazy } from './lazy.ts';

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
