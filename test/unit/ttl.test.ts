// Every short-lived item (mail jobs, verification-link guards, rate-limit counters, idempotency records) carries its
// expiry in the table's TTL attribute, never in a business field such as `expiresAt`.
import { describe, expect, it } from 'vitest';
import { TABLE_DEFINITION, TTL_ATTRIBUTE as TABLE_TTL } from '#core/table';
import { TTL_ATTRIBUTE, ttlAt } from '#domain/ttl';

describe('the TTL attribute', () => {
  it('is the one the table expires items by', () => {
    expect(TTL_ATTRIBUTE).toBe(TABLE_DEFINITION.timeToLiveAttribute);
    expect(TTL_ATTRIBUTE).toBe(TABLE_TTL);
    expect(ttlAt(1_795_000_000.7)).toEqual({ ttl: 1_795_000_000 });
  });
});
