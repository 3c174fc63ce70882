// Join-code redemption is rate limited before the code is even looked up (brute-force protection, seed 001's
// security note): at most 10 attempts per client address and 20 per code in each fixed 15-minute window.
// Each test sends from its own loopback address (127.x.y.z), so it has its own per-client budget.
import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rateLimitKey, windowOf } from '#domain/rate-limit';
import { api, registerCabinet } from '#test/api';
import { getItem } from '#test/emulators';
import { awayFromWindowEdge } from '#test/limits';
import { joinInput, newClientAddress, register } from '#test/registration';

// The limits of functions/use-cases/registration.ts (JOIN_CODE_RATE_LIMITS); the local stack does not override them.
const PER_CLIENT = { scope: 'join-code-client', limit: 10, windowSeconds: 900 };
const PER_CODE = { scope: 'join-code', limit: 20, windowSeconds: 900 };

const randomCode = () => String(randomInt(0, 100_000)).padStart(5, '0') + String(randomInt(0, 100_000)).padStart(5, '0');

describe('POST /api/auth/register (join): rate limiting', () => {
  it('answers 429 with Retry-After to a client past 10 attempts, whatever the codes, and not to other clients', async () => {
    await awayFromWindowEdge();
    const client = newClientAddress();
    const statuses: number[] = [];
    for (let i = 0; i < PER_CLIENT.limit; i++) statuses.push((await register(joinInput(randomCode()), client)).status);

    const limited = await register(joinInput(randomCode()), client);
    const otherClient = await register(joinInput(randomCode()));

    expect(statuses).toEqual(Array(PER_CLIENT.limit).fill(404));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toBe('application/problem+json');
    expect(limited.body).toEqual({
      type: 'urn:cabinet:problem:too-many-requests',
      title: 'Too many requests',
      status: 429,
      detail: 'Too many attempts; try again later.',
      instance: '/api/auth/register',
    });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(PER_CLIENT.windowSeconds);
    expect(otherClient.status).toBe(404);
  });

  it('answers 429 to anyone past 20 attempts on one code, even once the code is valid', async () => {
    await awayFromWindowEdge();
    const cabinet = await registerCabinet();
    const code = cabinet.organisation.code as string;
    const joinCodePath = `/api/organisations/${cabinet.organisation.id}/join-code`;
    await api('PATCH', joinCodePath, { token: cabinet.token, body: { enabled: false } });
    const statuses: number[] = [];
    // Each attempt from another client: only the per-code counter can stop them.
    for (let i = 0; i < PER_CODE.limit; i++) statuses.push((await register(joinInput(code))).status);
    await api('PATCH', joinCodePath, { token: cabinet.token, body: { enabled: true } });

    const limited = await register(joinInput(code));
    const otherCode = await register(joinInput(randomCode()));

    expect(statuses).toEqual(Array(PER_CODE.limit).fill(404));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(otherCode.status).toBe(404);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'COUNTERS')).toMatchObject({ memberCount: 1, codeUses: 0 });
  });

  it('counts in a window item that stores neither the code nor the address and expires through the table TTL', async () => {
    await awayFromWindowEdge();
    const code = randomCode();
    const now = Date.now();

    await register(joinInput(code));
    await register(joinInput(code));

    const window = windowOf(PER_CODE, now);
    const key = rateLimitKey(PER_CODE, code, window);
    expect(key.pk).not.toContain(code);
    expect(await getItem(key.pk, key.sk)).toEqual({ ...key, count: 2, ttl: window.end + 60 });
  });

  it('does not count a request whose body is invalid (the code format is checked first)', async () => {
    await awayFromWindowEdge();
    const client = newClientAddress();
    for (let i = 0; i < PER_CLIENT.limit + 2; i++) expect((await register(joinInput('123'), client)).status).toBe(400);

    const valid = await register(joinInput(randomCode()), client);

    expect(valid.status).toBe(404);
  });
});
