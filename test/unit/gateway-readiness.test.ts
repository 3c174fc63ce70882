// The local gateway's health check tells "listening" from "ready": while start.ts is still seeding demo data
// through the API, GET /api/health answers 503 (with Retry-After); once start-up is done, the health handler's 200.
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createGateway } from '#local/gateway';

let ready = false;
const gateway = createGateway({ isReady: () => ready });
const listening = new Promise<string>((resolve) =>
  gateway.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(gateway.address() as AddressInfo).port}`)),
);
afterAll(() => new Promise<void>((resolve) => gateway.close(() => resolve())));

describe('local gateway readiness', () => {
  it('answers GET /api/health with 503 problem+json and Retry-After until start-up is done, then 200', async () => {
    const base = await listening;
    const starting = await fetch(`${base}/api/health`);
    expect(starting.status).toBe(503);
    expect(starting.headers.get('content-type')).toContain('application/problem+json');
    expect(starting.headers.get('retry-after')).toBe('1');
    expect((await starting.json()) as { status: number }).toMatchObject({ status: 503 });

    ready = true;
    const started = await fetch(`${base}/api/health`);
    expect(started.status).toBe(200);
    expect(await started.json()).toEqual({ status: 'ok' });
  });
});
