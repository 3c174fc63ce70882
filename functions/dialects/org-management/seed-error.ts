// Seed 004's error answer, Laravel's: invalid input (and a taken e-mail or name) is 422 `{ message, errors: { field:
// [rules] } }`, anything else keeps its status with `{ message }` (translate.ts seedError), inside Cabinet's problem+json.
import { REFUSALS, type Refusal } from '#domain/refusals';
import type { SeedRoute } from '../types.ts';
import { seedError } from './translate.ts';

/** The seed's own 403 message, quoted by its document for the agents route. */
export const AGENTS_FORBIDDEN = 'Not allowed to create agents for this organization';

/** What a route changes in the seed's answer: POST /api/organizations calls the name `name`; agents have their 403. */
const contextOf = (route: SeedRoute | undefined) => ({
  ...(route?.path.endsWith('/api/organizations') ? { organisationNameField: 'name' } : {}),
  ...(route?.path.endsWith('/agents') ? { forbidden: AGENTS_FORBIDDEN } : {}),
});

export function orgManagementSeedError(refusal: Refusal, route?: SeedRoute): Record<string, unknown> {
  const { status, body } = seedError(
    { name: refusal.refusal, status: REFUSALS[refusal.refusal].status, detail: refusal.message, fields: refusal.details.fields },
    contextOf(route),
  );
  return { status, ...body };
}
