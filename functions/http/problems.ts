// A refusal's HTTP answer: its status and title come from the catalogue (functions/domain/refusals.ts), where each
// name of the vocabulary is written once; this module is how the HTTP edge and the OpenAPI document read them.
import { REFUSALS, type RefusalDef, type RefusalName } from '#domain/refusals';

export { PROBLEM_TYPE_PREFIX, problemType } from '#domain/refusals';

export type ProblemDef = Pick<RefusalDef, 'status' | 'title'>;

export const PROBLEMS: { readonly [N in RefusalName]: ProblemDef } = REFUSALS;
