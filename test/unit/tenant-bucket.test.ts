// The per-tenant bucket's rule (domain/tenant-bucket.ts) and the transaction item it becomes, without a stack.
import { describe, expect, it } from 'vitest';
import {
  admits,
  BUCKET_SHARDS,
  bucketKey,
  bucketShard,
  bucketShards,
  bucketWindow,
  secondsUntilRefill,
  shardTokens,
  windowCapacity,
} from '#domain/tenant-bucket';
import { tenantBucketEmpty, tenantBucketItem } from '#repositories/rate-limits';
import { ConditionFailed } from '#repositories/transactions';

const RULE = { tokens: 1000, windowSeconds: 10 };

/** A deterministic stream of numbers in [0, 1) (Lehmer), one per seed. */
function draws(seed: number, count: number): number[] {
  let x = seed;
  return Array.from({ length: count }, () => {
    x = (x * 48_271) % 2_147_483_647;
    return x / 2_147_483_647;
  });
}

/**
 * The bucket over values, as use-cases/abuse-limits.ts underTenantWriteLimit runs it: each write tries the two shards
 * bucketShards gives, and takes a token from the first that has one.
 */
function simulate(rule: typeof RULE, numbers: number[]): boolean[] {
  const taken = new Map<number, number>();
  return numbers.map((random, index) => {
    const shard = bucketShards(random, numbers[(index + 1) % numbers.length] ?? 0).find((tried) => admits(rule, taken.get(tried)));
    if (shard === undefined) return false;
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

  it('tries a second shard that is never the first, and may be any other', () => {
    for (const first of draws(7, 50)) {
      const seen = new Set<number>();
      for (const second of draws(11, 400)) {
        const [a, b] = bucketShards(first, second);
        expect(b).not.toBe(a);
        expect(b).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThan(BUCKET_SHARDS);
        seen.add(b);
      }
      expect(seen.size).toBe(BUCKET_SHARDS - 1);
    }
    expect(bucketShards(0, 0)).toEqual([0, 1]);
    expect(bucketShards(0, 0.999_999_999)).toEqual([0, BUCKET_SHARDS - 1]);
  });

  it("refuses a write only once two shards are empty: any two shards' worth of writes are all admitted", () => {
    const rule = { tokens: 32, windowSeconds: 60 };
    for (let seed = 1; seed <= 200; seed++) {
      expect(simulate(rule, draws(seed, 2 * shardTokens(rule)))).not.toContain(false);
    }
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
      expect(simulate(rule, draws(seed, windowCapacity(rule) + 1))).toContain(false);
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
  it('takes one token of the shard given, on condition that the shard still has one, under the tenant ORG# prefix', () => {
    const nowMs = 1_700_000_003_000;
    const { item, guard } = tenantBucketItem('org-1', RULE, nowMs, 8);
    const update = item.Update;
    expect(update?.Key).toEqual({ pk: 'ORG#org-1#BUCKET', sk: `WRITES#${bucketWindow(RULE, nowMs).start}#8` });
    expect(update?.ConditionExpression).toBe('attribute_not_exists(#count) OR #count < :tokens');
    expect(update?.ExpressionAttributeValues).toMatchObject({ ':one': 1, ':tokens': 63, ':ttl': bucketWindow(RULE, nowMs).end + 60 });
    expect(tenantBucketEmpty(new ConditionFailed(guard ? [guard] : []))).toBe(true);
    expect(tenantBucketEmpty(new ConditionFailed(['patient']))).toBe(false);
    expect(tenantBucketEmpty(new Error('other'))).toBe(false);
  });
});
