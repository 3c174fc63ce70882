// Each function's entry (functions/entries/<function>.ts) serves exactly the routes the route table assigns it, each
// through the handler built for that route, and answers anything else with 404/405 problem+json. No network: the
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
import { publicHandler } from '#http/public-handler';
import { type EntryHandler, lambdaEntry } from '#http/router';
import { allRoutes, entryOf, type FunctionName, functionNames, type RouteDef, routes, routesOf } from '#routes';
import { lazy } from '#schemas/lazy';
import { handler as createPatient } from '../../functions/handlers/patients/create-patient.ts';
import { handler as getPatient } from '../../functions/handlers/patients/get-patient.ts';
import { handler as listPatients } from '../../functions/handlers/patients/list-patients.ts';

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

  it('binds every route to the handler module the table names, built for that very route', async () => {
    for (const [name, route] of Object.entries(allRoutes)) {
      const module = (await import(/* @vite-ignore */ moduleUrl(`handlers/${route.handler}`))) as { handler: { route?: unknown } };
      // docs is a plain page handler, bound to its route in the system entry (routeHandler).
      if (name === 'docs') continue;
      expect(module.handler.route, `${route.handler} is built for ${name}`).toBe(route);
    }
    for (const name of functionNames) {
      for (const route of entries[name].routes) {
        const [tableName] = Object.entries(allRoutes).find(([, candidate]) => candidate === route) ?? [];
        expect(tableName, `${key(route)} served by ${name} is the route table's own object`).toBeDefined();
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
    const route = { ...routes.login, body };
    const handler = publicHandler(route, async () => ({ status: 204 }));
    expect(built).toBe(0);
    const post = { ...event('POST', '/api/auth/login', { 'content-type': 'application/json' }), body: '{"name":"x"}' };
    expect((await handler(post, context)).statusCode).toBe(204);
    expect((await handler(post, context)).statusCode).toBe(204);
    expect(built).toBe(1);
  });

  it('refuses, at cold start, a handler of another function', () => {
    expect(() => lambdaEntry('member-read', { createPatient } as never)).toThrow(
      'POST /api/patients is served by member-write, not member-read',
    );
  });
});

// Compile-time checks, never run (npm run typecheck): tsc fails on a @ts-expect-error that meets no error, so each
// of these mismatches is proven not to compile.
function typeChecks(): void {
  const reads = { getPatient, listPatients } as const;
  // @ts-expect-error routes of member-read are missing
  lambdaEntry('member-read', reads);
  // @ts-expect-error a route of another function
  lambdaEntry('member-write', { createPatient, getPatient });
  // @ts-expect-error a handler built for another route than its key
  lambdaEntry('member-write', { createPatient: listPatients });
}
void typeChecks;
