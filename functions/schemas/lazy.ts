// Lazily built schemas. A handler bundle contains its whole route area, but builds only its own route's
// schemas (at cold start, in httpHandler): building every zod schema of an area cost several ms per cold start.
import type * as z from 'zod/mini';

export type Lazy<S extends z.ZodMiniType> = () => S;
export type SchemaRef = z.ZodMiniType | Lazy<z.ZodMiniType>;

/** A schema built on first use, then reused. */
export function lazy<S extends z.ZodMiniType>(build: () => S): Lazy<S> {
  let schema: S | undefined;
  return () => (schema ??= build());
}

/** The schema behind a reference (zod schemas are objects, lazy ones are functions). */
export const resolve = <S extends z.ZodMiniType>(ref: S | Lazy<S>): S => (typeof ref === 'function' ? ref() : ref);

/** The parsed type of an eager or lazy schema. */
export type Infer<R> = R extends Lazy<infer S> ? z.infer<S> : R extends z.ZodMiniType ? z.infer<R> : never;
