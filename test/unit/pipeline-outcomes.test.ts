// How the pipeline ends a request (functions/http/pipeline.ts, outcome.ts, core/crash.ts): a refusal is answered and
// logged at info with its problem type and the request's context; an unexpected error is a 500 logged at error with
// its cause; an injected crash is not answered, not compensated and not logged: it escapes to the runtime as a
// timeout would. A route that declares `idempotent` cannot be built without the Idempotency-Key layer.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { crashPoint, InjectedCrash, installCrashHook, isCrash } from '#core/crash';
import { withLogContext } from '#core/log-context';
import { Refusal } from '#domain/refusals';
import { idempotent } from '#http/idempotency';
import { publicHandler } from '#http/public-handler';
import type { RouteDef } from '#routes';

const route = {
  method: 'POST',
  path: '/api/test',
  function: 'system',
  auth: 'public',
  tag: 'System',
  summary: 'A route for this test',
  access: {},
  responses: { 200: { description: 'OK' } },
} as const satisfies RouteDef;

const event = {
  rawPath: '/api/test',
  headers: {},
  requestContext: { http: { method: 'POST', sourceIp: '127.0.0.1' } },
} as unknown as APIGatewayProxyEventV2;
const context = { awsRequestId: 'req-42', getRemainingTimeInMillis: () => 5000 } as unknown as Context;

/** Runs `act` and returns the JSON lines written to stdout and stderr meanwhile. */
async function logged(act: () => Promise<unknown>): Promise<{ result: unknown; lines: Record<string, any>[] }> {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  let result: unknown;
  try {
    result = await act().catch((error: unknown) => error);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const lines = written
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
  return { result, lines };
}

const invoke = (run: () => Promise<never>) => {
  const handler = publicHandler({ ...route, handle: run });
  return logged(() =>
    withLogContext({ requestId: 'req-42', route: 'POST /api/test', function: 'system', coldStart: true }, () => handler(event, context)),
  );
};

describe('the end of a request', () => {
  it('answers a refusal and logs it at info with its problem type, status and the request context', async () => {
    const { result, lines } = await invoke(async () => {
      throw new Refusal('patient-not-found', 'Patient not found.');
    });
    expect(result).toMatchObject({ statusCode: 404 });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'request refused',
        status: 404,
        problem: 'patient-not-found',
        requestId: 'req-42',
        route: 'POST /api/test',
        function: 'system',
        coldStart: true,
      }),
    ]);
  });

  it('answers an unexpected error with a generic 500 and logs it at error with its cause', async () => {
    const { result, lines } = await invoke(async () => {
      throw new Error('the table is gone', { cause: new Error('ResourceNotFoundException') });
    });
    expect(result).toMatchObject({ statusCode: 500 });
    expect(JSON.stringify(result)).not.toContain('the table is gone');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        status: 500,
        problem: 'internal-error',
        requestId: 'req-42',
        error: expect.objectContaining({
          message: 'the table is gone',
          cause: expect.objectContaining({ message: 'ResourceNotFoundException' }),
        }),
      }),
    ]);
  });

  it('lets an injected crash escape unanswered and unlogged, as a timeout would end the invocation', async () => {
    const { result, lines } = await invoke(async () => {
      throw new InjectedCrash('after-cognito-user');
    });
    expect(isCrash(result)).toBe(true);
    expect(lines).toEqual([]);
  });
});

describe('crash points', () => {
  it('do nothing unless the test stack installed a hook, and then throw where asked', () => {
    expect(() => crashPoint('after-transaction')).not.toThrow();
    installCrashHook((step) => {
      if (step === 'after-transaction') throw new InjectedCrash(step);
    });
    try {
      expect(() => crashPoint('after-cognito-user')).not.toThrow();
      expect(() => crashPoint('after-transaction')).toThrow(InjectedCrash);
    } finally {
      installCrashHook(() => undefined);
    }
  });
});

describe('idempotent routes', () => {
  it('cannot be built without the Idempotency-Key layer, and other routes cannot take it', () => {
    const run = async () => ({ status: 200 });
    expect(() => publicHandler({ ...route, idempotent: true, handle: run })).toThrow(/idempotent/);
    expect(() => publicHandler({ ...route, handle: run }, { idempotency: idempotent() })).toThrow(/idempotent/);
    expect(() => publicHandler({ ...route, idempotent: true, handle: run }, { idempotency: idempotent() })).not.toThrow();
  });
});
