// The per-tenant bucket's rule (domain/tenant-bucket.ts) and the transaction item it becomes, without a stack.
import { describe, expect, it } from 'vitest';
import {
  admits,
  BUCKET_SHARDS,
  bucketKey,
  bucketShard,
  bucketWindow,
  secondsUntilRefill,
  shardTokens,
  windowCapacity,
} from '#domain/tenant-bucket';
import { tenantBucketEmpty, tenantBucketItem } from '#repositories/rate-limits';
import { ConditionFailed } from '#repositories/transactions';

const RULE = { tokens: 1000, windowSeconds: 10 };

/** The bucket over values: each write draws a shard and takes a token there if it has one. */
function simulate(rule: typeof RULE, draws: number[]): boolean[] {
  const taken = new Map<number, number>();
  return draws.map((random) => {
    const shard = bucketShard(random);
    if (!admits(rule, taken.get(shard))) return false;
    taken.set(shard, (taken.get(shard) ?? 0) + 1);
    return true;
  });
}

describe('a tenant bucket', () => {
  it('splits its tokens over the shards, rounding up, so a window admits at least its tokens', () => {
    expect(shardTokens(RULE)).toBe(63);
    expect(windowCapacity(RULE)).toBe(63 * BUCKET_SHARDS);
    expect(windowCapacity(RULE)).toBeGreaterThanOrEqual(RULE.tokens);
    expect(shardTokens({ tokens: 1, windowSeconds: 10 })).toBe(1);
    expect(shardTokens({ tokens: 32, windowSeconds: 60 })).toBe(2);
  });

  it('admits a write while its shard has a token, and refuses it once the shard is empty', () => {
    expect(admits(RULE, undefined)).toBe(true);
    expect(admits(RULE, 62)).toBe(true);
    expect(admits(RULE, 63)).toBe(false);
  });

  it('draws every shard, and only shards that exist', () => {
    const shards = new Set(Array.from({ length: BUCKET_SHARDS * 10 }, (_, index) => bucketShard(index / (BUCKET_SHARDS * 10))));
    expect([...shards].sort((a, b) => a - b)).toEqual(Array.from({ length: BUCKET_SHARDS }, (_, index) => index));
    expect(bucketShard(0)).toBe(0);
    expect(bucketShard(0.999_999_999)).toBe(BUCKET_SHARDS - 1);
  });

  it('refuses a flood once every shard is empty: never more than the window capacity', () => {
    const rule = { tokens: 32, windowSeconds: 60 };
    const draws = Array.from({ length: 500 }, (_, index) => ((index * 7919) % 1000) / 1000);
    const admitted = simulate(rule, draws).filter(Boolean).length;
    expect(admitted).toBe(windowCapacity(rule));
  });

  it('refuses some write of any flood larger than the window capacity (pigeonhole), whatever the shards drawn', () => {
    const rule = { tokens: 32, windowSeconds: 60 };
    for (let seed = 1; seed <= 50; seed++) {
      let x = seed;
      const draws = Array.from({ length: windowCapacity(rule) + 1 }, () => {
        x = (x * 48_271) % 2_147_483_647;
        return x / 2_147_483_647;
      });
      expect(simulate(rule, draws)).toContain(false);
    }
  });

  it('is refilled at the start of each fixed window, and says how long until then', () => {
    const start = 1_700_000_000_000 - (1_700_000_000_000 % 10_000);
    expect(bucketWindow(RULE, start + 3_500)).toEqual({ start: start / 1000, end: start / 1000 + 10 });
    expect(secondsUntilRefill(RULE, start + 3_500)).toBe(7);
    expect(secondsUntilRefill(RULE, start + 9_999)).toBe(1);
    expect(bucketKey('org-1', bucketWindow(RULE, start), 3)).toEqual({ pk: 'ORG#org-1#BUCKET', sk: `WRITES#${start / 1000}#3` });
    expect(bucketKey('org-1', bucketWindow(RULE, start + 10_000), 3).sk).not.toBe(bucketKey('org-1', bucketWindow(RULE, start), 3).sk);
  });
});

describe('the bucket as a transaction item', () => {
  it('takes one token of the drawn shard, on condition that the shard still has one, under the tenant ORG# prefix', () => {
    const nowMs = 1_700_000_003_000;
    const { item, guard } = tenantBucketItem('org-1', RULE, nowMs, 0.5);
    const update = item.Update;
    expect(update?.Key).toEqual({ pk: 'ORG#org-1#BUCKET', sk: `WRITES#${bucketWindow(RULE, nowMs).start}#8` });
    expect(update?.ConditionExpression).toBe('attribute_not_exists(#count) OR #count < :tokens');
    expect(update?.ExpressionAttributeValues).toMatchObject({ ':one': 1, ':tokens': 63, ':ttl': bucketWindow(RULE, nowMs).end + 60 });
    expect(tenantBucketEmpty(new ConditionFailed(guard ? [guard] : []))).toBe(true);
    expect(tenantBucketEmpty(new ConditionFailed(['patient']))).toBe(false);
    expect(tenantBucketEmpty(new Error('other'))).toBe(false);
  });
});
