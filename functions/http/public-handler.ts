// Handlers of public routes: the shared pipeline with no caller, so the bundle carries no token verifier.
import type { RouteDef } from '#routes';
import { buildHandler, type HandlerOptions, type RouteHandler, type Run } from './pipeline.ts';

export function publicHandler<R extends RouteDef & { auth: 'public' }>(route: R, run: Run<R>, options?: HandlerOptions): RouteHandler<R> {
  return buildHandler(route, async () => undefined, run, options);
}
