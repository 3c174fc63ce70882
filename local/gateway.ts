// The local API Gateway: turns each HTTP request into an HTTP API (payload 2.0) event and invokes, in process, the
// entry of the function the route table assigns the route to (functions/entries/<function>.ts), exactly as API
// Gateway invokes the deployed function; a request no route matches goes to the system function as $default. Like
// the deployed API (which has no authorizer: docs/adr/0001-no-api-gateway-authorizer.md), it passes the Authorization header through and the
// function's auth middleware does every token check.
// The Lambda Invoke API, through which cognito-local runs the real pre-token-generation trigger, is a server of its
// own (createLambdaEndpoint) on a loopback port only cognito-local is told: the trigger maps a userId to its
// username, organisation, role and super-admin status, so it is never served on the API port.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { concurrentLogContexts } from '#core/log-context';
import { powertoolsLogger } from '#core/logger';
import * as refusals from '#domain/refusals';
import { createMatcher } from '#http/match';
import { internalError, problem } from '#http/problem';
import { entryOf, type FunctionName, fallbackFunction, preTokenTrigger, routeList } from '#routes';
import { serveConsole } from './console.ts';

export const PRE_TOKEN_FUNCTION = 'cabinet-pre-token-generation';
// API Gateway HTTP APIs accept payloads up to 10 MB; the handlers enforce Cabinet's own 64 KiB limit.
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * Per-request fault to inject (tests only, when the gateway is started with faultInjection): the request's
 * x-cabinet-fault header (empty: none), how many calls it has failed so far in this request, and the request's
 * x-cabinet-clock-offset (milliseconds added to core/clock's nowMs() for this request: 0 without the header).
 */
export interface InjectedFault {
  spec: string;
  failed: number;
  clockOffsetMs: number;
}

/** At most 30 days either way; anything else (not an integer, too far) leaves the clock alone. */
const MAX_CLOCK_OFFSET_MS = 30 * 86_400_000;
export function clockOffsetOf(header: string | undefined): number {
  if (header === undefined || !/^-?\d{1,13}$/.test(header)) return 0;
  const offset = Number(header);
  return Math.abs(offset) <= MAX_CLOCK_OFFSET_MS ? offset : 0;
}
export const injectedFault = new AsyncLocalStorage<InjectedFault | undefined>();

const modules = new Map<string, Promise<LambdaHandler>>();
function load(modulePath: string): Promise<LambdaHandler> {
  let loaded = modules.get(modulePath);
  if (!loaded) {
    // /* @vite-ignore */ lets the unit tests (vitest) load a handler as Node and tsx do, at run time.
    loaded = import(/* @vite-ignore */ `../functions/${modulePath}.ts`).then((module: { handler: LambdaHandler }) => module.handler);
    // A failed import is not cached: the next request retries it (as a new Lambda container would).
    loaded.catch(() => modules.delete(modulePath));
    modules.set(modulePath, loaded);
  }
  return loaded;
}

function lambdaContext(functionName: string): Context {
  const deadline = Date.now() + 10_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** API Gateway's routing: the route keys of the whole table. */
const matchRoute = createMatcher(routeList);

const faultOf = (headers: Record<string, string | undefined>): InjectedFault | undefined => {
  const spec = headers['x-cabinet-fault'] ?? '';
  const clockOffsetMs = clockOffsetOf(headers['x-cabinet-clock-offset']);
  return spec || clockOffsetMs ? { spec, failed: 0, clockOffsetMs } : undefined;
};

const EMPTY = Buffer.alloc(0);

async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  // No Content-Length and no Transfer-Encoding: the request has no body (most GETs); skip the stream machinery.
  if (request.headers['content-length'] === undefined && request.headers['transfer-encoding'] === undefined) return EMPTY;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_MAX_BODY) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toEvent(
  request: IncomingMessage,
  url: URL,
  body: Buffer,
  params: Record<string, string>,
  routeKey: string,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  // As API Gateway does: the scheme the client used (the local gateway serves plain HTTP).
  headers['x-forwarded-proto'] = 'http';
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const isText = /json|text|xml|x-www-form-urlencoded/i.test(headers['content-type'] ?? '') || body.length === 0;
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(params).length ? { pathParameters: params } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: !isText,
  };
}

/**
 * What API Gateway (HTTP API) answers when the integration fails (the function threw, timed out or ran out of
 * memory): its own 500 with a fixed JSON body, never problem+json and never a detail.
 */
export const INTEGRATION_FAILURE = {
  statusCode: 500,
  headers: { 'content-type': 'application/json' },
  body: '{"message":"Internal Server Error"}',
};

/** What the Lambda runtime logs for an invocation that failed (deployed: the function's log group). */
function logFailedInvocation(invocation: { functionName: string; requestId: string; apiRequestId: string }, error: unknown): void {
  const failure = error instanceof Error ? error : new Error(String(error));
  powertoolsLogger.error('invocation failed', {
    function: invocation.functionName,
    requestId: invocation.requestId,
    apiRequestId: invocation.apiRequestId,
    errorType: failure.name,
    errorMessage: failure.message,
  });
}

function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  response.end(result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}

async function invokeLambda(name: string, body: Buffer, response: ServerResponse): Promise<void> {
  if (name !== PRE_TOKEN_FUNCTION) {
    response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `Function not found: ${name}` }));
    return;
  }
  try {
    const handler = await load(preTokenTrigger);
    const result = await handler(JSON.parse(body.toString('utf8')), lambdaContext(name));
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  } catch (error) {
    // The Lambda service reports a function error with 200 and X-Amz-Function-Error.
    const failure = error instanceof Error ? error : new Error(String(error));
    response
      .writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' })
      .end(JSON.stringify({ errorType: failure.name, errorMessage: failure.message }));
  }
}

export interface GatewayOptions {
  faultInjection?: boolean;
  /**
   * False while the local runtime is still starting (seeding demo data through the API): GET /api/health then
   * answers 503, so "healthy" means every part is ready. Every other route is served meanwhile.
   */
  isReady?: () => boolean;
  /** Serves the web console under /console/ (npm start); off in unit tests of the gateway. */
  console?: boolean;
  /** Called for every API request that reached a handler (used by the request log). */
  onRequest?: (line: { method: string; path: string; status: number; ms: number }) => void;
}

/**
 * The Lambda service's Invoke API (POST /2015-03-31/functions/{name}/invocations), for cognito-local's
 * pre-token-generation trigger only; every other request answers 404.
 */
export function createLambdaEndpoint(): Server {
  return createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const invoke = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(url.pathname);
    try {
      const body = await readBody(request);
      if (!invoke || request.method !== 'POST' || body === 'too-large') {
        response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Not found' }));
        return;
      }
      await invokeLambda(decodeURIComponent(invoke[1] ?? ''), body, response);
    } catch (error) {
      console.error('[lambda] invoke failed', error);
      if (!response.headersSent) response.writeHead(500).end();
    }
  });
}

export function createGateway(options: GatewayOptions = {}): Server {
  // Every function runs in this one process with requests in flight together: each invocation gets its own log
  // context (deployed, each container runs one invocation at a time and needs none of this).
  concurrentLogContexts();
  return createServer(async (request, response) => {
    let invocation: { functionName: string; requestId: string; apiRequestId: string } | undefined;
    const started = performance.now();
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = request.method ?? 'GET';
    try {
      const body = await readBody(request);
      if (body === 'too-large') {
        send(response, problem(refusals.payloadTooLarge()));
        return;
      }
      if (options.isReady && !options.isReady() && method === 'GET' && url.pathname === '/api/health') {
        send(response, problem(refusals.notReady(1)));
        return;
      }
      if (options.console && (await serveConsole(request, url, response))) return;
      const match = matchRoute(method, url.pathname);
      const [functionName, params, routeKey]: [FunctionName, Record<string, string>, string] =
        match.kind === 'route'
          ? [match.route.function, match.params, `${match.route.method} ${match.route.path}`]
          : [fallbackFunction, {}, '$default'];
      const handler = await load(entryOf(functionName));
      const event = toEvent(request, url, body, params, routeKey);
      const context = lambdaContext(`cabinet-${functionName}`);
      invocation = { functionName: context.functionName, requestId: context.awsRequestId, apiRequestId: event.requestContext.requestId };
      const invokeHandler = () => handler(event, context) as Promise<APIGatewayProxyStructuredResultV2>;
      // Only a fault-injecting gateway (tests) enters the AsyncLocalStorage: once entered, Node tracks every
      // promise of the process for it, which would slow every request of an ordinary run.
      const result = options.faultInjection ? await injectedFault.run(faultOf(event.headers), invokeHandler) : await invokeHandler();
      // As API Gateway does: its request id on every answer (the function's logs carry it as apiRequestId).
      send(response, { ...result, headers: { ...result.headers, 'apigw-requestid': event.requestContext.requestId } });
      options.onRequest?.({ method, path: url.pathname, status: result.statusCode ?? 200, ms: performance.now() - started });
    } catch (error) {
      // The function itself failed (or crashed, with fault injection): logged as the runtime logs it, and answered
      // as API Gateway answers it. Anything that fails before an invocation is the gateway's own failure.
      if (invocation) logFailedInvocation(invocation, error);
      else console.error('[gateway] request failed', error);
      if (!response.headersSent) {
        send(
          response,
          invocation
            ? { ...INTEGRATION_FAILURE, headers: { ...INTEGRATION_FAILURE.headers, 'apigw-requestid': invocation.apiRequestId } }
            : internalError(),
        );
      }
      if (invocation) options.onRequest?.({ method, path: url.pathname, status: 500, ms: performance.now() - started });
    }
  });
}
