// The Idempotency-Key rules (domain/idempotency.ts): what identifies a request, what is stored of its answer (never a
// session's tokens), and what a retry gets.
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  decide,
  fingerprintOf,
  IDEMPOTENCY_KEY_PATTERN,
  type IdempotencyRecord,
  idempotencyKey,
  storableReply,
} from '#domain/idempotency';

describe('the record key', () => {
  it('is one per user, organisation, request and key, and hides the key itself', () => {
    const member = { kind: 'member', organisationId: 'o1', userId: 'u1' } as const;
    const key = idempotencyKey(member, 'POST /api/patients', 'a-key');
    expect(key.pk).toBe('ORG#o1');
    expect(key.sk).toMatch(/^IDEMPOTENCY#[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(key)).not.toContain('a-key');
    expect(idempotencyKey(member, 'POST /api/patients', 'a-key')).toEqual(key);
    expect(idempotencyKey({ ...member, userId: 'u2' }, 'POST /api/patients', 'a-key').sk).not.toBe(key.sk);
    expect(idempotencyKey({ ...member, organisationId: 'o2' }, 'POST /api/patients', 'a-key').pk).toBe('ORG#o2');
    expect(idempotencyKey(member, 'POST /api/organisations', 'a-key').sk).not.toBe(key.sk);
    expect(idempotencyKey(member, 'POST /api/organisations/o1/members', 'a-key').sk).not.toBe(
      idempotencyKey(member, 'POST /api/organisations/o2/members', 'a-key').sk,
    );
    expect(idempotencyKey(member, 'POST /api/patients', 'b-key').sk).not.toBe(key.sk);
  });

  it("keeps a member's records in the organisation's partition, a person's in theirs, a client's on its own", () => {
    expect(idempotencyKey({ kind: 'user', userId: 'u1' }, 'POST /api/organisations', 'k').pk).toBe('USER#u1');
    const client = idempotencyKey({ kind: 'client', address: '203.0.113.7' }, 'POST /api/auth/register-cabinet', 'k');
    expect(client.pk).toMatch(/^IDEMPOTENCY#[A-Za-z0-9_-]{43}$/);
    expect(client.sk).toBe('RECORD');
    expect(client.pk).not.toContain('203.0.113.7');
  });

  it('accepts 1 to 128 visible ASCII characters', () => {
    expect(IDEMPOTENCY_KEY_PATTERN.test('0b7deb29-c961-468f-82cf-0a8974433e7c')).toBe(true);
    expect(IDEMPOTENCY_KEY_PATTERN.test('x'.repeat(128))).toBe(true);
    for (const bad of ['', 'x'.repeat(129), 'has space', 'accentué', 'tab\there'])
      expect(IDEMPOTENCY_KEY_PATTERN.test(bad), bad).toBe(false);
  });
});

describe('the request fingerprint', () => {
  it('ignores the order of fields but nothing else', async () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
    const salt = 'IDEMPOTENCY#x';
    const one = await fingerprintOf({ nom: 'Durand', prenom: 'Claire' }, salt);
    expect(await fingerprintOf({ prenom: 'Claire', nom: 'Durand' }, salt)).toBe(one);
    expect(await fingerprintOf({ nom: 'Durand', prenom: 'Claira' }, salt)).not.toBe(one);
    expect(one).toMatch(/^sha256:/);
  });

  it('is a salted scrypt hash when the body carries a password or a token, never a fast hash of it', async () => {
    const body = { username: 'dr.martin', password: 'Cassius2025!', nom: 'Martin' };
    const first = await fingerprintOf(body, 'IDEMPOTENCY#a');
    expect(first).toMatch(/^scrypt:/);
    expect(await fingerprintOf(body, 'IDEMPOTENCY#a')).toBe(first);
    expect(await fingerprintOf(body, 'IDEMPOTENCY#b')).not.toBe(first);
    expect(await fingerprintOf({ ...body, password: 'Cassius2025?' }, 'IDEMPOTENCY#a')).not.toBe(first);
    expect(await fingerprintOf({ nested: { token: 'abc' } }, 'IDEMPOTENCY#a')).toMatch(/^scrypt:/);
  });
});

describe('the stored answer', () => {
  it('keeps nothing of a session: a replay signs in again and answers the session anew', () => {
    const session = { token: 'eyJ.id', refreshToken: 'eyJ.refresh', expiresIn: 3600, user: { id: 'u1' }, organisation: { id: 'o1' } };
    const stored = storableReply({ status: 201, body: session });
    expect(stored).toEqual({ status: 201, signIn: true });
  });

  it('keeps only the id of a resource the route can read again', () => {
    const reply = { status: 201, body: { id: 'p1', nom: 'Durand' }, headers: { location: '/api/patients/p1' } };
    const stored = storableReply(reply, (body) => (body as { id: string }).id);
    expect(stored).toEqual({ status: 201, ref: 'p1', headers: { location: '/api/patients/p1' } });
    expect(JSON.stringify(stored)).not.toContain('Durand');
  });

  it('keeps any other answer whole, with its headers', () => {
    const reply = { status: 201, body: { id: 'p1', nom: 'Durand' }, headers: { location: '/api/patients/p1' } };
    expect(storableReply(reply)).toEqual(reply);
    expect(storableReply({ status: 202, body: { status: 'PENDING', user: { id: 'u' } } })).not.toHaveProperty('signIn');
  });
});

describe('a retry whose key is held', () => {
  const record = (fields: Partial<IdempotencyRecord>): IdempotencyRecord => ({
    status: 'IN_PROGRESS',
    fingerprint: 'sha256:a',
    lockedUntil: 10_500,
    attempt: 'x',
    ...fields,
  });

  it('with another body is refused (422), whatever the first attempt became', () => {
    expect(decide(record({}), 'sha256:b', 0)).toEqual({ kind: 'mismatch' });
    expect(decide(record({ status: 'COMPLETED', reply: { status: 201 } }), 'sha256:b', 0)).toEqual({ kind: 'mismatch' });
  });

  it('gets the first answer once there is one', () => {
    expect(decide(record({ status: 'COMPLETED', reply: { status: 201, body: { id: 'p' } } }), 'sha256:a', 0)).toEqual({
      kind: 'replay',
      reply: { status: 201, body: { id: 'p' } },
    });
  });

  it('is told to come back when the first attempt can no longer be running (409, Retry-After in whole seconds)', () => {
    expect(decide(record({}), 'sha256:a', 8000)).toEqual({ kind: 'conflict', retryAfterSeconds: 3 });
    expect(decide(record({}), 'sha256:a', 10_499)).toEqual({ kind: 'conflict', retryAfterSeconds: 1 });
  });
});
