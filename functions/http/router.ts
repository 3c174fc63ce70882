// The entry of one Lambda function (functions/entries/<function>.ts): it routes each payload-2.0 event to one of its
// own route handlers with the route matcher, restricted to those routes, and answers anything else with a 404 or
// 405 problem+json. Which routes a function serves is the route table's `function` field; the entry's handler map is
// typed from it, so a route missing from its function, a route of another function, or a handler bound to another
// route than its key does not compile.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { coldStartOf, withLogContext } from '#core/log-context';
import * as refusals from '#domain/refusals';
import type { routes } from '#routes';
import type { FunctionName, RouteDef } from '#routes/types';
import { createMatcher } from './match.ts';
import { logRefusal } from './outcome.ts';
import type { LambdaResult, RouteHandler } from './pipeline.ts';
import { problem } from './problem.ts';

type Routes = typeof routes;

/** The route-table names of the routes `F` serves. */
export type RouteNamesOf<F extends FunctionName> = {
  [K in keyof Routes]: Routes[K]['function'] extends F ? K : never;
}[keyof Routes];

/** Exactly one handler per route of `F`, each built for that very route. */
export type FunctionHandlers<F extends FunctionName> = { readonly [K in RouteNamesOf<F>]: RouteHandler<Routes[K]> };

/** A function's Lambda handler; `routes` are the routes it serves (for the tests and the bench). */
export type EntryHandler = ((event: APIGatewayProxyEventV2, context: Context) => Promise<LambdaResult>) & {
  readonly routes: readonly RouteDef[];
};

export interface EntryOptions {
  /**
   * The routes unmatched requests are answered against (404, or 405 with Allow), default: this function's own. The
   * system function receives API Gateway's $default route (every request no route key matches), so it answers
   * against the whole table, as a separate not-found function used to.
   */
  unmatchedAgainst?: readonly RouteDef[];
}

export function lambdaEntry<F extends FunctionName>(name: F, handlers: FunctionHandlers<F>, options: EntryOptions = {}): EntryHandler {
  const list = Object.values(handlers) as RouteHandler[];
  // The types already forbid it; this guards a cast or a stale build (it fails the cold start, loudly).
  for (const { route } of list) {
    if (route.function !== name) throw new Error(`${route.method} ${route.path} is served by ${route.function}, not ${name}`);
  }
  const byRoute = new Map<RouteDef, RouteHandler>(list.map((handler) => [handler.route, handler]));
  const match = createMatcher(list.map((handler) => handler.route));
  const unmatched = options.unmatchedAgainst ? createMatcher(options.unmatchedAgainst) : match;

  const entry = async (event: APIGatewayProxyEventV2, context: Context): Promise<LambdaResult> => {
    const method = event.requestContext.http.method;
    const path = event.rawPath;
    const found = match(method, path);
    const handler = found.kind === 'route' ? byRoute.get(found.route) : undefined;
    // Every log line and metric of this invocation carries these (functions/core/log-context.ts).
    const logged = {
      requestId: context.awsRequestId,
      apiRequestId: event.requestContext.requestId,
      route: found.kind === 'route' ? `${found.route.method} ${found.route.path}` : '$default',
      function: name,
      coldStart: coldStartOf(name),
    };
    return withLogContext(logged, async () => {
      if (found.kind === 'route' && handler) {
        // The path parameters are the matcher's (decoded), so a deployed function reads exactly what the local one does.
        const params = Object.keys(found.params).length > 0 ? { pathParameters: found.params } : {};
        return handler({ ...event, ...params }, context);
      }
      const answer = options.unmatchedAgainst ? unmatched(method, path) : found;
      const error = answer.kind === 'method-not-allowed' ? refusals.methodNotAllowed(answer.allowed) : refusals.routeNotFound(method, path);
      logRefusal(error);
      return problem(error, path);
    });
  };
  return Object.assign(entry, { routes: list.map((handler) => handler.route) });
}

/** Binds a plain Lambda handler (one not built with httpHandler/publicHandler) to the route it serves. */
export function routeHandler<R extends RouteDef>(route: R, handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>) {
  return Object.assign((event: APIGatewayProxyEventV2, context: Context) => handler(event, context) as Promise<LambdaResult>, {
    route,
  }) satisfies RouteHandler<R>;
}
