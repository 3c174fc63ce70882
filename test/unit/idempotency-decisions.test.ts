// What a retry gets when its Idempotency-Key already has a record (domain/idempotency.ts decide and storableReply),
// at the edges: the body decides first, an answer is replayed only once complete, and the wait is whole seconds.
import { describe, expect, it } from 'vitest';
import { canonicalJson, decide, type IdempotencyRecord, storableReply } from '#domain/idempotency';

const NOW = 1_800_000_000_000;
const record = (fields: Partial<IdempotencyRecord> = {}): IdempotencyRecord =>
  ({ fingerprint: 'sha256:a', status: 'IN_PROGRESS', lockedUntil: NOW + 5000, ...fields }) as IdempotencyRecord;

describe('decide', () => {
  it('another body is a mismatch even while the first attempt runs', () => {
    expect(decide(record(), 'sha256:b', NOW)).toEqual({ kind: 'mismatch' });
  });

  it('the same body while the first attempt may run: come back when its deadline passes', () => {
    expect(decide(record({ lockedUntil: NOW + 4001 }), 'sha256:a', NOW)).toEqual({ kind: 'conflict', retryAfterSeconds: 5 });
  });

  it('asks for at least one second, even at or past the deadline', () => {
    expect(decide(record({ lockedUntil: NOW }), 'sha256:a', NOW)).toEqual({ kind: 'conflict', retryAfterSeconds: 1 });
    expect(decide(record({ lockedUntil: NOW - 10_000 }), 'sha256:a', NOW)).toEqual({ kind: 'conflict', retryAfterSeconds: 1 });
  });

  it('a completed record with its answer is replayed', () => {
    const reply = { status: 201, body: { id: 'p-1' } };
    expect(decide(record({ status: 'COMPLETED', reply }), 'sha256:a', NOW)).toEqual({ kind: 'replay', reply });
  });
});

describe('storableReply', () => {
  it('keeps no body for an answer without one', () => {
    expect(storableReply({ status: 204 })).toEqual({ status: 204 });
  });

  it('keeps an array answer whole (it is no session)', () => {
    expect(storableReply({ status: 200, body: [{ token: 'x' }] })).toEqual({ status: 200, body: [{ token: 'x' }] });
  });

  it('drops the fields JSON would not carry', () => {
    expect(storableReply({ status: 201, body: { id: 'p-1', missing: undefined } })).toEqual({ status: 201, body: { id: 'p-1' } });
  });
});

describe('canonicalJson', () => {
  it('is the same for the same object, whatever the order of its fields, at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, 2] }, b: 1 }));
  });

  it('keeps the order of array items', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});
