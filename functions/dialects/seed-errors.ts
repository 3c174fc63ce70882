// Each dialect's seed error members, by dialect name: what the pipeline adds to a dialect route's refusals
// (functions/http/pipeline.ts), so that its clients read the error where their seed put it. A seed's `status` member
// is the answer's status too (seed 004: Laravel's 422), its `errors` member replaces Cabinet's (http/problem.ts).
import { REFUSAL_EXAMPLES, REFUSALS, type Refusal, type RefusalName } from '#domain/refusals';
import { clinicSeedError } from './clinic/seed-error.ts';
import { dualModeSeedError } from './dual-mode/seed-error.ts';
import { orgCodeSeedError } from './org-code/seed-error.ts';
import { orgManagementSeedError } from './org-management/seed-error.ts';
import type { SeedRoute } from './types.ts';

export type SeedError = (refusal: Refusal, route?: SeedRoute) => Record<string, unknown>;

const SEED_ERRORS: Readonly<Record<string, SeedError>> = {
  'org-code': orgCodeSeedError,
  'dual-mode': dualModeSeedError,
  clinic: clinicSeedError,
  'org-management': orgManagementSeedError,
};

export function seedErrorOf(dialect: string): SeedError {
  const seedError = SEED_ERRORS[dialect];
  if (!seedError) throw new Error(`Dialect ${dialect} has no seed error`);
  return seedError;
}

/** The status a dialect's route answers a refusal with: its seed's (seed 004: 422 for invalid input), else Cabinet's. */
export function seedStatusOf(dialect: string, name: RefusalName, route?: SeedRoute): number {
  const status = seedErrorOf(dialect)(REFUSAL_EXAMPLES[name](), route).status;
  return typeof status === 'number' ? status : REFUSALS[name].status;
}
