// The deployed retry schedule's first step, on a stack of its own: the real schedule (CABINET_WEBHOOK_SCHEDULE=real)
// and no webhook sweeper at all (CABINET_WEBHOOK_SWEEP_SECONDS=0), as in AWS between two of the sweeper's minutes.
// A receiver that fails once still gets its delivery, about 5 s later: only the fan-out can have made that retry.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildStack, startChildStack } from '#local/child-stack';
import { api, registerCabinet, useStack } from '#test/api';
import { orgPath } from '#test/members';
import { poll } from '#test/wait';

let own: ChildStack | undefined;
let server: Server | undefined;
let port = 0;
const received: { id: string; at: number }[] = [];

beforeAll(async () => {
  own = await startChildStack({ env: { CABINET_WEBHOOK_SCHEDULE: 'real', CABINET_WEBHOOK_SWEEP_SECONDS: '0' } });
  useStack(own.info);
  // Fails the first delivery of each event (503), takes every later one.
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const id = String(request.headers['webhook-id']);
      const seen = received.filter((r) => r.id === id).length;
      received.push({ id, at: Date.now() });
      response.writeHead(seen === 0 ? 503 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await own?.stop();
});

interface Attempt {
  attempt: number;
  statusCode: number;
  outcome: string;
  at: string;
  nextAttemptAt: string | null;
}

describe('the first retry on the deployed schedule', () => {
  it('is made by the fan-out about 5 s after the failure, with no sweeper running', async () => {
    const cabinet = await registerCabinet();
    const hook = await api('POST', orgPath(cabinet as never, '/webhooks'), {
      token: cabinet.token,
      body: { url: `http://127.0.0.1:${port}/first-retry`, eventTypes: ['patient.created'] },
    });
    expect(hook.status).toBe(201);
    const created = await api('POST', '/api/patients', { token: cabinet.token, body: { nom: 'Roux', prenom: 'Inès' } });
    expect(created.status).toBe(201);

    const deliveries = await poll(
      async () =>
        (await api('GET', orgPath(cabinet as never, `/webhooks/${hook.body.id}/deliveries`), { token: cabinet.token })).body
          .items as Attempt[],
      (items) => items?.length >= 2,
      { ms: 30_000, every: 200 },
    );

    const [second, first] = deliveries;
    expect(deliveries.map((a) => [a.attempt, a.statusCode, a.outcome])).toEqual([
      [2, 204, 'succeeded'],
      [1, 503, 'failed'],
    ]);
    // The schedule's first delay: 5 s with ±20 % jitter, and the retry not made before it was due.
    const delay = Date.parse(String(first?.nextAttemptAt)) - Date.parse(String(first?.at));
    expect(delay).toBeGreaterThanOrEqual(4000);
    expect(delay).toBeLessThanOrEqual(6000);
    expect(Date.parse(String(second?.at))).toBeGreaterThanOrEqual(Date.parse(String(first?.nextAttemptAt)));
    expect(second?.nextAttemptAt).toBeNull();
    // One delivery per attempt, the same webhook-id on both.
    expect(received.map((r) => r.id)).toEqual([received[0]?.id, received[0]?.id]);
  });

  it("schedules the attempt after a failed first retry 5 min later: the sweeper's, not the fan-out's", async () => {
    const cabinet = await registerCabinet();
    const hook = await api('POST', orgPath(cabinet as never, '/webhooks'), {
      token: cabinet.token,
      // Nothing listens there: every attempt fails on a refused connection.
      body: { url: 'http://127.0.0.1:1/down', eventTypes: ['patient.created'] },
    });
    expect(hook.status).toBe(201);
    await api('POST', '/api/patients', { token: cabinet.token, body: { nom: 'Roux', prenom: 'Jules' } });

    const deliveries = await poll(
      async () =>
        (await api('GET', orgPath(cabinet as never, `/webhooks/${hook.body.id}/deliveries`), { token: cabinet.token })).body
          .items as Attempt[],
      (items) => items?.length >= 2,
      { ms: 30_000, every: 200 },
    );

    expect(deliveries.map((a) => [a.attempt, a.outcome])).toEqual([
      [2, 'failed'],
      [1, 'failed'],
    ]);
    const [second] = deliveries;
    const next = Date.parse(String(second?.nextAttemptAt)) - Date.parse(String(second?.at));
    expect(next).toBeGreaterThanOrEqual(240_000);
    expect(next).toBeLessThanOrEqual(360_000);
  });
});
