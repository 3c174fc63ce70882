// A route's declaration: its contract (method, path, function, caller, permission, schemas, answers, problems, what
// its function may touch: routes/types.ts) and `handle`, the adapter from the validated request to its use case and
// back to an answer. Every route of functions/routes/<area>.ts is declared with `route()`; nothing else binds a route
// to code. The functions' entries (functions/entries/, generated) build each route's pipeline from its declaration.
//
// Written `export const x = /* @__PURE__ */ route({ … })`: the annotation lets esbuild drop the declarations a
// function does not serve (and with them their use cases), since it keeps any call it cannot prove pure
// (docs/adr/0003-per-route-exports-and-lazy-schemas.md). route() only types the declaration and returns it.
import type { CallerRoute, MemberRoute, RouteDef } from '#routes/types';
import type { IdempotencyOptions } from './idempotency.ts';
import type { Run } from './pipeline.ts';

/** A route's declaration: its contract, the function that answers it, and how a replay answers (idempotent routes). */
export type Declaration<R extends RouteDef = RouteDef> = R & {
  /** From the validated input and the caller its `auth` names, to the use case and back to an answer. */
  readonly handle: Run<R>;
  /**
   * Only for an `idempotent` route: how a replay under the same Idempotency-Key answers, when it is more than the
   * recorded answer (a session anew, the resource as it now is: functions/http/idempotency.ts).
   */
  readonly replay?: IdempotencyOptions<R>;
};

type ContractField = keyof MemberRoute | keyof CallerRoute;

/**
 * What route() accepts for a declaration inferred as R: its contract as written (a field RouteDef does not have is
 * refused, as `never`), `handle` typed from R's auth and schemas, `replay` from R's input. A mapped type over R, so
 * that TypeScript infers R from the object and then types the functions in it from R.
 */
type Declared<R extends RouteDef> = {
  [K in keyof R]: K extends 'handle' ? Run<R> : K extends 'replay' ? IdempotencyOptions<R> : K extends ContractField ? R[K] : never;
};

/** Declares a route: checks the contract and types `handle` (its input, its caller) from it. */
export function route<const R extends RouteDef & { handle: unknown }>(declaration: Declared<R>): Declaration<R> {
  return declaration as unknown as Declaration<R>;
}
