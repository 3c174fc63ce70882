// The $default route: 404 for unknown paths, 405 (with Allow) for a known path under another method.
import middy from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Refusal } from '#domain/refusal';
import { matchRoute } from '#http/match';
import { problem } from '#http/problem';

export const handler = middy<APIGatewayProxyEventV2>().handler(async (event) => {
  const match = matchRoute(event.requestContext.http.method, event.rawPath);
  const error =
    match.kind === 'method-not-allowed'
      ? new Refusal('method-not-allowed', `Allowed methods: ${match.allowed.join(', ')}.`, { allowedMethods: match.allowed })
      : new Refusal('route-not-found', `No route for ${event.requestContext.http.method} ${event.rawPath}.`);
  return problem(error, event.rawPath);
});
