// Each function's entry (functions/entries/<function>.ts, generated) serves exactly the routes the route table assigns
// it, each through the pipeline built from that route's declaration, and answers anything else with 404/405
// problem+json. No network: the
// requests below stop before any AWS call (no token, no route).
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';

// The configuration modules read these at load, as the deployed functions get them from CDK.
vi.hoisted(() => {
  Object.assign(process.env, {
    TABLE_NAME: 'cabinet-unit',
    AWS_REGION: 'eu-west-3',
    USER_POOL_ID: 'eu-west-3_unit',
    USER_POOL_CLIENT_ID: 'unit-client',
    TOKEN_AUDIENCES: 'unit-client',
    TOKEN_ISSUER: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_unit',
    HOSTED_LOGIN_URL: 'https://cabinet-unit.auth.eu-west-3.amazoncognito.com',
    WEB_CLIENT_ID: 'unitwebclient',
    EMAIL_FROM: 'Cabinet <no-reply@example.org>',
    APP_URL: 'https://app.example.org',
    LOG_LEVEL: 'silent',
  });
});

import * as z from 'zod/mini';
import { httpHandler } from '#http/handler';
import { publicHandler } from '#http/public-handler';
import { route } from '#http/route';
import { type EntryHandler, lambdaEntry } from '#http/router';
import { entryOf, type FunctionName, functionNames, type RouteDef, routeList, routesOf } from '#routes';
import { createPatient } from '#routes/patients';
import { lazy } from '#schemas/lazy';

/** A module under functions/, loaded at run time as the local gateway loads entries. */
const moduleUrl = (path: string) => new URL(`../../functions/${path}.ts`, import.meta.url).href;

const entries = Object.fromEntries(
  await Promise.all(
    functionNames.map(async (name) => {
      const module = (await import(/* @vite-ignore */ moduleUrl(entryOf(name)))) as { handler: EntryHandler };
      return [name, module.handler] as const;
    }),
  ),
) as Record<FunctionName, EntryHandler>;

const key = (route: Pick<RouteDef, 'method' | 'path'>) => `${route.method} ${route.path}`;
const context = { awsRequestId: 'unit', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
const event = (method: string, path: string, headers: Record<string, string> = {}): APIGatewayProxyEventV2 =>
  ({
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers,
    isBase64Encoded: false,
    requestContext: { http: { method, path }, requestId: 'unit' },
  }) as unknown as APIGatewayProxyEventV2;

describe('function entries', () => {
  it.each(functionNames)('%s serves exactly the routes the route table assigns it', (name) => {
    expect(entries[name].routes.map(key).sort()).toEqual(routesOf(name).map(key).sort());
  });

  it("builds every route's pipeline from its declaration, whose contract is the route table's", () => {
    const byKey = new Map(routeList.map((route) => [key(route), route]));
    for (const name of functionNames) {
      for (const declaration of entries[name].routes) {
        const { name: routeName, area: _area, ...contract } = byKey.get(key(declaration)) ?? { name: key(declaration), area: '' };
        expect(typeof (declaration as { handle?: unknown }).handle, `${routeName} has a handle`).toBe('function');
        // The table holds the declaration's own contract (schemas are the same lazy references).
        expect(declaration, `${routeName} served by ${name}`).toMatchObject(contract);
      }
    }
  });

  it('routes a request to its route handler (a tokenless GET /api/patients/{id} is a 401, not a 404)', async () => {
    const response = await entries['member-read'](event('GET', '/api/patients/abc'), context);
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body ?? '{}')).toMatchObject({ type: 'urn:cabinet:problem:missing-token' });
  });

  it("answers a path outside its routes 404, and a known path's other method 405 with its own Allow", async () => {
    const unknown = await entries['member-read'](event('POST', '/api/auth/login'), context);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(unknown.body ?? '{}')).toMatchObject({ type: 'urn:cabinet:problem:route-not-found', status: 404 });
    const otherMethod = await entries['member-read'](event('PATCH', '/api/patients/abc'), context);
    expect(otherMethod.statusCode).toBe(405);
    expect(otherMethod.headers?.allow).toBe('GET');
  });

  it('system answers $default against the whole table: 404 for an unknown path, 405 with every allowed method', async () => {
    const unknown = await entries.system(event('GET', '/api/nowhere'), context);
    expect(unknown.statusCode).toBe(404);
    const wrongMethod = await entries.system(event('PUT', '/api/patients'), context);
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers?.allow).toBe('POST, GET');
    // Another function's route never runs here, whatever reaches this function.
    expect((await entries.system(event('GET', '/api/patients'), context)).statusCode).toBe(404);
    expect((await entries.system(event('GET', '/api/health'), context)).statusCode).toBe(200);
  });

  it("builds a route's schemas on its first request, not when the function loads", async () => {
    let built = 0;
    const body = lazy(() => {
      built++;
      return z.strictObject({ name: z.string() });
    });
    const handler = publicHandler({
      ...({ method: 'POST', path: '/api/auth/login', function: 'sessions', auth: 'public', tag: 'Auth', summary: 'A test route' } as const),
      ...{ access: {}, responses: { 204: { description: 'Done' } } },
      body,
      handle: async () => ({ status: 204 }),
    });
    expect(built).toBe(0);
    const post = { ...event('POST', '/api/auth/login', { 'content-type': 'application/json' }), body: '{"name":"x"}' };
    expect((await handler(post, context)).statusCode).toBe(204);
    expect((await handler(post, context)).statusCode).toBe(204);
    expect(built).toBe(1);
  });

  it('refuses, at cold start, a pipeline of another function', () => {
    expect(() =>
      lambdaEntry('member-read', [httpHandler(createPatient, { idempotency: { run: async ({ execute }) => execute() } })]),
    ).toThrow('POST /api/patients is served by member-write, not member-read');
  });
});

// Compile-time checks of route(), never run (npm run typecheck): tsc fails on a @ts-expect-error that meets no
// error, so each of these mistakes in a declaration is proven not to compile.
function typeChecks(): void {
  const contract = {
    method: 'POST',
    path: '/api/patients',
    function: 'member-write',
    auth: 'member',
    tag: 'Patients',
    summary: 'A test route',
    body: createPatient.body,
    access: {},
    responses: { 201: { description: 'Created' } },
  } as const;
  route({ ...contract, handle: async ({ body }, tenant) => ({ status: 201, body: [body.nom, tenant.organisationId] }) });
  // @ts-expect-error a field the body schema does not have
  route({ ...contract, handle: async ({ body }) => ({ status: 201, body: body.organisationId }) });
  // @ts-expect-error a field the contract does not have (a misspelt permission)
  route({ ...contract, permision: 'patients:write', handle: async () => ({ status: 201 }) });
  // @ts-expect-error no handle
  route({ ...contract });
  // @ts-expect-error a public route has no caller
  route({ ...contract, auth: 'public', handle: async (_input, caller: { organisationId: string }) => ({ status: 201, body: caller }) });
}
void typeChecks;
