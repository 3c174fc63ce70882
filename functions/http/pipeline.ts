// The request pipeline every route shares: problem+json errors, the caller (from the authorise step it is
// given), then the body/query/path validated against the route's schemas. Handlers stay one line.
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { isCrash } from '#core/crash';
import { addLogContext } from '#core/log-context';
import { seedErrorOf } from '#dialects/seed-errors';
import type { VerifiedUser } from '#domain/principal';
import * as refusals from '#domain/refusals';
import { Refusal } from '#domain/refusals';
import type { TenantContext } from '#domain/tenant';
import type { RouteDef } from '#routes';
import { resolve } from '#schemas/lazy';
import type { IdempotencyLayer, Input, Reply } from './exchange.ts';
import { logRefusal, logUnexpected } from './outcome.ts';
import { internalError, json, problem } from './problem.ts';
import { parseWith } from './validation.ts';

export type { Input, Reply } from './exchange.ts';

export const MAX_BODY_BYTES = 64 * 1024;

export type Run<R extends RouteDef> = R['auth'] extends 'member'
  ? (input: Input<R>, tenant: TenantContext) => Promise<Reply>
  : R['auth'] extends 'user' | 'superAdmin'
    ? (input: Input<R>, caller: VerifiedUser) => Promise<Reply>
    : R['auth'] extends 'optionalUser'
      ? (input: Input<R>, caller: VerifiedUser | undefined) => Promise<Reply>
      : (input: Input<R>) => Promise<Reply>;

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

function readBody(event: APIGatewayProxyEventV2): unknown {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) throw refusals.payloadTooLarge(MAX_BODY_BYTES);
  if (bytes.length === 0) throw refusals.missingBody();
  if (!JSON_TYPE.test(event.headers?.['content-type'] ?? '')) throw refusals.unsupportedMediaType();
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw refusals.malformedJson();
  }
}

/**
 * The body, validated. A route whose schema accepts no body at all (a dialect's bodiless POST, e.g. seed 003's approve)
 * takes an empty request as undefined; every other route requires one.
 */
function parseBody(schema: z.ZodMiniType, event: APIGatewayProxyEventV2): unknown {
  if (!event.body && z.safeParse(schema, undefined).success) return undefined;
  return parseWith(schema, readBody(event));
}

interface RouteSchemas {
  body?: z.ZodMiniType | undefined;
  query?: z.ZodMiniType | undefined;
  params?: z.ZodMiniType | undefined;
}

function parseInput<R extends RouteDef>(schemas: RouteSchemas, event: APIGatewayProxyEventV2): Input<R> {
  return {
    body: (schemas.body ? parseBody(schemas.body, event) : undefined) as Input<R>['body'],
    query: (schemas.query ? parseWith(schemas.query, event.queryStringParameters ?? {}) : undefined) as Input<R>['query'],
    params: (schemas.params ? parseWith(schemas.params, event.pathParameters ?? {}) : undefined) as Input<R>['params'],
    client: { sourceIp: event.requestContext.http.sourceIp, userAgent: event.headers?.['user-agent'] },
    event,
  };
}

/**
 * The members a dialect adds to every refusal of its routes, in its seed's words (docs/dialects.md): e.g. 002's
 * `{ error: "Organization not found" }`. The answer stays RFC 9457 problem+json with Cabinet's type and status.
 */
export type SeedError = (refusal: Refusal) => Record<string, unknown>;

/** What an entry adds to its route's pipeline: the Idempotency-Key layer, for routes that declare it. */
export interface HandlerOptions {
  idempotency?: IdempotencyLayer;
}

export type Authorise = (route: RouteDef, event: APIGatewayProxyEventV2) => Promise<TenantContext | VerifiedUser | undefined>;

export type LambdaResult = Exclude<APIGatewayProxyResultV2, string>;

/**
 * One route's request pipeline, carrying the route it serves: a function's entry (functions/entries/) dispatches to
 * it by that route, so a handler can only ever answer the route it was built for.
 */
export type RouteHandler<R extends RouteDef = RouteDef> = ((event: APIGatewayProxyEventV2, context: Context) => Promise<LambdaResult>) & {
  readonly route: R;
};

/** The caller's organisation and user, for every later log line of the request. */
const callerContext = (caller: TenantContext | VerifiedUser) =>
  'organisationId' in caller
    ? { organisationId: caller.organisationId, userId: caller.userId }
    : { userId: caller.userId, ...(caller.tokenOrganisationId ? { organisationId: caller.tokenOrganisationId } : {}) };

/** The middy pipeline of one route; `authorise` identifies the caller (handler.ts) or nobody (public-handler.ts). */
export function buildHandler<R extends RouteDef>(
  route: R,
  authorise: Authorise,
  run: Run<R>,
  options: HandlerOptions = {},
): RouteHandler<R> {
  // Checked when the handler module loads, so a route declaring `idempotent` without the layer fails its cold start.
  if (Boolean(route.idempotent) !== Boolean(options.idempotency)) {
    throw new Error(`${route.method} ${route.path}: idempotent routes, and only they, pass idempotent() to their handler`);
  }
  // A dialect's route answers its refusals with its seed's members too (functions/dialects/seed-errors.ts).
  const seedErrorIn = route.dialect ? seedErrorOf(route.dialect) : undefined;
  const seedError = seedErrorIn && ((refusal: Refusal) => seedErrorIn(refusal, route));
  // This route's schemas are built on its first request, not at cold start: a function serves several routes, and
  // most containers never see most of them (the other routes' schemas stay unbuilt, schemas/lazy.ts).
  let schemas: RouteSchemas | undefined;
  const schemasOf = (): RouteSchemas => {
    schemas ??= {
      body: route.body && resolve(route.body),
      query: route.query && resolve(route.query),
      params: route.params && resolve(route.params),
    };
    return schemas;
  };
  const pipeline = middy<APIGatewayProxyEventV2, APIGatewayProxyResultV2, Error, Context>()
    .use({
      // Registered first, so its onError runs last: the single place errors become responses.
      onError: async (request) => {
        const { error } = request;
        // An injected crash (tests) ends the invocation as a timeout would: no answer, nothing logged here, and
        // middy rethrows it to the runtime (core/crash.ts).
        if (isCrash(error)) return;
        if (error instanceof Refusal) {
          logRefusal(error);
          request.response = problem(error, request.event.rawPath, seedError?.(error));
        } else {
          logUnexpected(error);
          request.response = internalError(request.event.rawPath, seedError);
        }
      },
    })
    .handler(async (event, context) => {
      const caller = await authorise(route, event);
      if (caller) addLogContext(callerContext(caller));
      const input = parseInput<R>(schemasOf(), event);
      const execute = () => (run as (input: Input<R>, caller?: TenantContext | VerifiedUser) => Promise<Reply>)(input, caller);
      const reply = options.idempotency
        ? await options.idempotency.run({ route, event, context, caller, input: input as Input<RouteDef>, execute })
        : await execute();
      if (reply.raw) {
        return { statusCode: reply.status, headers: reply.headers ?? {}, body: reply.raw.body, isBase64Encoded: reply.raw.base64 ?? false };
      }
      return json(reply.status, reply.body, reply.headers);
    });
  return Object.assign(pipeline as unknown as (event: APIGatewayProxyEventV2, context: Context) => Promise<LambdaResult>, { route });
}
