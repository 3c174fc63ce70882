// Seed 002's error answer: `{ error: "<the seed's message>" }`, added to Cabinet's problem+json.
import type { Refusal } from '#domain/refusals';

/** The messages the seed document quotes (its error table), by the refusal that means the same. */
const SEED_MESSAGES: Partial<Record<Refusal['refusal'], string>> = {
  'email-taken': 'User with this email already exists',
  'organisation-not-found': 'Organization not found',
  'invalid-credentials': 'Invalid credentials',
};

export const dualModeSeedError = (refusal: Refusal) => ({
  // The seed's words where it has some; else the first failing field's rule ("Passwords do not match", "Password must
  // contain an uppercase letter"), else Cabinet's own message.
  error: SEED_MESSAGES[refusal.refusal] ?? refusal.details.fields?.[0]?.message ?? refusal.message,
});
