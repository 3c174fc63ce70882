// Rate-limit counter item: RATELIMIT#<scope>#<sha256(subject)> / WINDOW#<window start, epoch s>, one per fixed
// window. Its `ttl` (epoch seconds, the table's TTL attribute) lets DynamoDB delete old windows; a window's key
// already excludes them from counting, so TTL's lazy deletion never matters for correctness. Subjects (client IPs, submitted codes)
// are hashed: the table keeps neither.
import { createHash } from 'node:crypto';
import { TTL_ATTRIBUTE } from '#core/table';

export interface RateLimitRule {
  /** What is counted, e.g. 'join-code-client'. */
  scope: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitWindow {
  /** Epoch seconds. */
  start: number;
  end: number;
}

export function windowOf(rule: RateLimitRule, nowMs: number): RateLimitWindow {
  const start = Math.floor(nowMs / 1000 / rule.windowSeconds) * rule.windowSeconds;
  return { start, end: start + rule.windowSeconds };
}

const subjectHash = (scope: string, subject: string) => createHash('sha256').update(`${scope}:${subject}`).digest('base64url').slice(0, 32);

export const rateLimitKey = (rule: RateLimitRule, subject: string, window: RateLimitWindow) => ({
  pk: `RATELIMIT#${rule.scope}#${subjectHash(rule.scope, subject)}`,
  sk: `WINDOW#${window.start}`,
});

/** Kept a minute past the window's end, then TTL may delete it. */
export const rateLimitExpiry = (window: RateLimitWindow) => window.end + 60;

/**
 * One more count on a window's counter item `key`, kept until `expiresAt` (epoch s, the table's TTL): the Update of a
 * rate limit and of an uncapped event count alike. With `limit`, refused once the count reached it.
 */
export const counterIncrement = (key: { pk: string; sk: string }, expiresAt: number, limit?: number) => ({
  Key: key,
  UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
  ...(limit === undefined ? {} : { ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit' }),
  ExpressionAttributeNames: { '#count': 'count', '#ttl': TTL_ATTRIBUTE },
  ExpressionAttributeValues: { ':one': 1, ':ttl': expiresAt, ...(limit === undefined ? {} : { ':limit': limit }) },
});

/** Whole seconds until the window ends, at least 1 (the Retry-After value). */
export const secondsUntil = (window: RateLimitWindow, nowMs: number) => Math.max(1, Math.ceil(window.end - nowMs / 1000));

/**
 * Growing back-off on failures (sign-in): the first `freeFailures` failures of a window cost nothing; from then on
 * each failure locks the subject for `baseSeconds`, doubling with every further failure, at most `maxSeconds`.
 * Failures are counted in fixed windows of `windowSeconds` (a new window starts from zero).
 */
export interface BackoffRule {
  scope: string;
  freeFailures: number;
  baseSeconds: number;
  maxSeconds: number;
  windowSeconds: number;
}

/** How long the `failures`-th failure of a window locks its subject, in seconds (0: not at all). */
export function lockSeconds(rule: BackoffRule, failures: number): number {
  if (failures <= rule.freeFailures) return 0;
  return Math.min(rule.maxSeconds, rule.baseSeconds * 2 ** (failures - rule.freeFailures - 1));
}

/** A subject's failures in the current window, and when the last one happened (epoch seconds). */
export interface BackoffState {
  failures: number;
  lastFailureAt: number;
}

/** Seconds the subject must still wait (0: it may try now). */
export function secondsLocked(rule: BackoffRule, state: BackoffState | undefined, nowMs: number): number {
  if (!state) return 0;
  const until = state.lastFailureAt + lockSeconds(rule, state.failures);
  return Math.max(0, Math.ceil(until - nowMs / 1000));
}

/** The window a back-off counts failures in (the same fixed windows as the counters). */
export const backoffWindow = (rule: BackoffRule, nowMs: number): RateLimitWindow =>
  windowOf({ scope: rule.scope, limit: 0, windowSeconds: rule.windowSeconds }, nowMs);

export const backoffKey = (rule: BackoffRule, subject: string, window: RateLimitWindow) => ({
  pk: `RATELIMIT#${rule.scope}#${subjectHash(rule.scope, subject)}`,
  sk: `BACKOFF#${window.start}`,
});
