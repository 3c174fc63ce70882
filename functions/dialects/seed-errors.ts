// Each dialect's seed error members, by dialect name: what the pipeline adds to a dialect route's refusals
// (functions/http/pipeline.ts), so that its clients read the error where their seed put it.
import type { Refusal } from '#domain/refusals';
import { clinicSeedError } from './clinic/seed-error.ts';
import { orgCodeSeedError } from './org-code/seed-error.ts';

const SEED_ERRORS: Readonly<Record<string, (refusal: Refusal) => Record<string, unknown>>> = {
  'org-code': orgCodeSeedError,
  clinic: clinicSeedError,
};

export function seedErrorOf(dialect: string): (refusal: Refusal) => Record<string, unknown> {
  const seedError = SEED_ERRORS[dialect];
  if (!seedError) throw new Error(`Dialect ${dialect} has no seed error`);
  return seedError;
}
