// Lazily built schemas. A handler builds only its own route's schemas (at cold start, in httpHandler), and its
// bundle contains only those: every module-level schema is `/* @__PURE__ */ lazy(() => …)`, so esbuild drops the
// ones the handler never reaches (it keeps any unannotated call, and does not carry @__NO_SIDE_EFFECTS__ across
// modules). Shared rules are lazy too and are composed by calling them: `password()`. A handler's cold load grows
// with its bundle (npm run bench); test/infra/bundling.test.ts checks that a handler keeps only its own route.
import type * as z from 'zod/mini';

export type Lazy<S extends z.ZodMiniType> = () => S;
export type SchemaRef = z.ZodMiniType | Lazy<z.ZodMiniType>;

/** A schema built on first use, then reused (annotate module-level calls with @__PURE__, see above). */
export const lazy = <S extends z.ZodMiniType>(build: () => S): Lazy<S> => {
  let schema: S | undefined;
  return () => (schema ??= build());
};

/** The schema behind a reference (zod schemas are objects, lazy ones are functions). */
export const resolve = <S extends z.ZodMiniType>(ref: S | Lazy<S>): S => (typeof ref === 'function' ? ref() : ref);

/** The parsed type of an eager or lazy schema. */
export type Infer<R> = R extends Lazy<infer S> ? z.infer<S> : R extends z.ZodMiniType ? z.infer<R> : never;
