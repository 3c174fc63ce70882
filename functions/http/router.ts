// The entry of one Lambda function (functions/entries/<function>.ts, generated from the route declarations): it routes
// each payload-2.0 event to one of its own routes' pipelines with the route matcher, restricted to those routes, and
// answers anything else with a 404 or 405 problem+json. Which routes a function serves is each declaration's
// `function`; the entry refuses, at cold start, a pipeline built for a route of another function.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { coldStartOf, withLogContext } from '#core/log-context';
import * as refusals from '#domain/refusals';
import type { FunctionName, RouteDef } from '#routes/types';
import { createMatcher } from './match.ts';
import { logRefusal } from './outcome.ts';
import type { LambdaResult, RouteHandler } from './pipeline.ts';
import { problem } from './problem.ts';

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

export function lambdaEntry(name: FunctionName, handlers: readonly RouteHandler[], options: EntryOptions = {}): EntryHandler {
  const list = [...handlers];
  // The generator never writes it; this guards a hand edit or a stale entry (it fails the cold start, loudly).
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
