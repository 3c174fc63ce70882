// Handlers of public routes: the shared pipeline with no caller, so the bundle carries no token verifier.
import type { RouteDef } from '#routes';
import { buildHandler, type HandlerOptions, type RouteHandler } from './pipeline.ts';
import type { Declaration } from './route.ts';

/** The pipeline of a declared public route. */
export function publicHandler<R extends RouteDef & { auth: 'public' }>(
  declaration: Declaration<R>,
  options?: HandlerOptions,
): RouteHandler<R> {
  return buildHandler(declaration, async () => undefined, declaration.handle, options);
}
