// Seed 003's error answer: `{ success: false, error: "<the seed's message>" }` (its Express routes' envelope), added
// to Cabinet's problem+json.
import type { Refusal } from '#domain/refusals';
import { CLINIC_CODE_REQUIRED } from '#domain/temporary-code';

/** The seed's words (French, as its server answers) for the refusals its clients meet. */
const SEED_MESSAGES: Partial<Record<Refusal['refusal'], string>> = {
  'organisation-not-found': 'Code clinique invalide ou expiré',
  'join-request-not-found': "Demande d'inscription introuvable",
  'join-request-not-pending': "Cette demande d'inscription a déjà été traitée",
  'missing-token': 'Non authentifié',
  'invalid-token': 'Non authentifié',
  'super-admin-only': 'Accès réservé aux super-administrateurs',
  'permission-denied': 'Accès refusé',
  'too-many-requests': 'Trop de tentatives, réessayez plus tard',
};

/** The seed's words for a field it requires, where Cabinet's validation says "<field> is required". */
const REQUIRED: Readonly<Record<string, string>> = { clinicCode: CLINIC_CODE_REQUIRED };

function fieldMessage(refusal: Refusal): string | undefined {
  const first = refusal.details.fields?.[0];
  if (!first) return undefined;
  return first.message === `${first.path} is required` ? (REQUIRED[first.path] ?? first.message) : first.message;
}

export const clinicSeedError = (refusal: Refusal) => ({
  success: false,
  // A field rule's own message (the seed's where it has one: "Le code clinique est requis"), else the seed's words.
  error: fieldMessage(refusal) ?? SEED_MESSAGES[refusal.refusal] ?? refusal.message,
});
