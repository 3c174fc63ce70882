// Per-tenant fairness (issue 20): every organisation has a token bucket for its patient writes, so one tenant's flood
// is refused (429) long before it takes the table's, Lambda's or the route's capacity from the others. The bucket
// holds `tokens` tokens and is refilled in full at the start of every fixed window of `windowSeconds` (a token
// bucket whose refill is one window's worth at once: it needs no read of its state, so it is one conditional update
// folded into the write's own transaction, and costs the request no DynamoDB call of its own).
//
// The tokens are split over SHARDS counter items: a transaction that touches an item another transaction holds is
// cancelled (TransactionConflict), so one counter item would make a tenant's concurrent writes conflict with each
// other; with SHARDS items chosen at random they rarely meet. Each shard holds ceil(tokens / SHARDS) tokens, so a
// window admits at most SHARDS × that. A write whose shard is empty tries one other shard, drawn at random, before it
// is refused, so it is refused only when two shards are empty (a little before the whole bucket is:
// docs/throttling.md has the arithmetic), never while most of the bucket is left.
//   pk ORG#<orgId>#BUCKET   sk WRITES#<window start, epoch s>#<shard>   count, ttl
import { organisationPk } from './keys.ts';
import type { RateLimitWindow } from './rate-limit.ts';

/** Counter items per tenant bucket and window. */
export const BUCKET_SHARDS = 16;

export interface TenantBucketRule {
  /** Tokens per window, for the whole tenant. */
  tokens: number;
  windowSeconds: number;
}

/** The tokens one shard holds in a window: the bucket's, split evenly and rounded up (at least 1). */
export const shardTokens = (rule: TenantBucketRule): number => Math.max(1, Math.ceil(rule.tokens / BUCKET_SHARDS));

/** The writes a window admits at most: every shard emptied. */
export const windowCapacity = (rule: TenantBucketRule): number => shardTokens(rule) * BUCKET_SHARDS;

export function bucketWindow(rule: TenantBucketRule, nowMs: number): RateLimitWindow {
  const start = Math.floor(nowMs / 1000 / rule.windowSeconds) * rule.windowSeconds;
  return { start, end: start + rule.windowSeconds };
}

/** A shard for one write, from a number in [0, 1) (Math.random deployed; fixed in tests). */
export const bucketShard = (random: number): number => Math.min(BUCKET_SHARDS - 1, Math.max(0, Math.floor(random * BUCKET_SHARDS)));

/**
 * The two shards one write tries, from two numbers in [0, 1): the one drawn, then, when that one is empty, another
 * one drawn among the rest (never the same, so the second try can succeed).
 */
export function bucketShards(first: number, second: number): [number, number] {
  const shard = bucketShard(first);
  const step = 1 + Math.min(BUCKET_SHARDS - 2, Math.max(0, Math.floor(second * (BUCKET_SHARDS - 1))));
  return [shard, (shard + step) % BUCKET_SHARDS];
}

/** Whether a shard that has counted `taken` writes in this window still has a token for one more. */
export const admits = (rule: TenantBucketRule, taken: number | undefined): boolean => (taken ?? 0) < shardTokens(rule);

/** Whole seconds until the bucket is refilled (the Retry-After of a refusal), at least 1. */
export const secondsUntilRefill = (rule: TenantBucketRule, nowMs: number): number =>
  Math.max(1, Math.ceil(bucketWindow(rule, nowMs).end - nowMs / 1000));

/** The partition of a tenant's bucket: apart from its data, so the counters never weigh on its ORG# partition. */
export const bucketPk = (organisationId: string): string => `${organisationPk(organisationId)}#BUCKET`;

export const bucketKey = (organisationId: string, window: RateLimitWindow, shard: number) => ({
  pk: bucketPk(organisationId),
  sk: `WRITES#${window.start}#${shard}`,
});

/** Kept a minute past its window, then TTL deletes it (the key already stops it counting). */
export const bucketExpiry = (window: RateLimitWindow): number => window.end + 60;
