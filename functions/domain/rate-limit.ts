// Rate-limit counter item: RATELIMIT#<scope>#<sha256(subject)> / WINDOW#<window start, epoch s>, one per fixed
// window. Its `ttl` (epoch seconds, the table's TTL attribute) lets DynamoDB delete old windows; a window's key
// already excludes them from counting, so TTL's lazy deletion never matters for correctness. Subjects (client IPs, submitted codes)
// are hashed: the table keeps neither.
import { createHash } from 'node:crypto';

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

/** Whole seconds until the window ends, at least 1 (the Retry-After value). */
export const secondsUntil = (window: RateLimitWindow, nowMs: number) => Math.max(1, Math.ceil(window.end - nowMs / 1000));
