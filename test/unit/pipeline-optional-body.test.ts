// A route whose body schema accepts no body (seed 003's approve and reject, which its clients send bodiless): an empty
// request reaches the handle as undefined, a body sent is still validated, and every other route still requires one.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { publicHandler } from '#http/public-handler';
import type { RouteDef } from '#routes';
import { lazy } from '#schemas/lazy';

const optionalBody = lazy(() => z.optional(z.strictObject({ reason: z.optional(z.string()) })));
const requiredBody = lazy(() => z.strictObject({ reason: z.optional(z.string()) }));

const route = (body: typeof optionalBody | typeof requiredBody) =>
  ({
    method: 'POST',
    path: '/api/test',
    function: 'system',
    auth: 'public',
    tag: 'System',
    summary: 'A route for this test',
    body,
    access: {},
    responses: { 200: { description: 'OK' } },
  }) as const satisfies RouteDef;

const context = { awsRequestId: 'req-1', getRemainingTimeInMillis: () => 5000 } as unknown as Context;
const event = (body?: string) =>
  ({
    rawPath: '/api/test',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    requestContext: { http: { method: 'POST', sourceIp: '127.0.0.1' } },
    ...(body === undefined ? {} : { body }),
  }) as unknown as APIGatewayProxyEventV2;

/** The handle echoes what it received. */
const echo = (body: typeof optionalBody | typeof requiredBody) =>
  publicHandler({ ...route(body), handle: async (input: { body?: unknown }) => ({ status: 200, body: { received: input.body ?? null } }) });

const answer = async (handler: ReturnType<typeof echo>, body?: string) => {
  const result = await handler(event(body), context);
  return { status: result.statusCode, body: JSON.parse(String(result.body)) };
};

describe('a body the schema may go without', () => {
  it('is undefined when none is sent, and validated when one is', async () => {
    const handler = echo(optionalBody);
    expect(await answer(handler)).toEqual({ status: 200, body: { received: null } });
    expect(await answer(handler, '{"reason":"Poste pourvu"}')).toEqual({ status: 200, body: { received: { reason: 'Poste pourvu' } } });
    const unknown = await answer(handler, '{"raison":"x"}');
    expect([unknown.status, unknown.body.type]).toEqual([400, 'urn:cabinet:problem:validation-error']);
  });

  it('is still required by a schema that needs one', async () => {
    const missing = await answer(echo(requiredBody));
    expect([missing.status, missing.body.type]).toEqual([400, 'urn:cabinet:problem:missing-body']);
  });
});
