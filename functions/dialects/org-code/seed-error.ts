// Seed 001's error answer: `{ success: false, error: "<the seed's message>" }`, added to Cabinet's problem+json.
import type { Refusal } from '#domain/refusals';

/** The messages the seed document quotes, by the refusal that means the same. */
const SEED_MESSAGES: Partial<Record<Refusal['refusal'], string>> = {
  'organisation-not-found': 'Organization not found',
};

export const orgCodeSeedError = (refusal: Refusal) => ({
  success: false,
  // A field rule's own message (the code's is the seed's: "Code must be exactly 10 digits"), else the seed's words.
  error: refusal.details.fields?.[0]?.message ?? SEED_MESSAGES[refusal.refusal] ?? refusal.message,
});
