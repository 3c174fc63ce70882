// Fixed-window rate-limit counters: every counter a request is subject to is incremented in ONE
// TransactWriteItems whose conditions refuse the increment once a counter reached its limit, so a refused
// attempt counts nowhere and concurrent attempts can never overshoot a limit.
import { cancellationReasons, TABLE } from '#adapters/dynamodb';
import { TTL_ATTRIBUTE } from '#core/table';
import { type RateLimitRule, rateLimitExpiry, rateLimitKey, secondsUntil, windowOf } from '#domain/rate-limit';
import type { Guard } from './guards.ts';
import { ConditionFailed, type NamedItem, transact } from './transactions.ts';

export interface RateLimitCheck {
  rule: RateLimitRule;
  subject: string;
}

export type RateLimitOutcome = { allowed: true } | { allowed: false; retryAfterSeconds: number };

// Concurrent attempts on one counter make DynamoDB cancel all but one transaction (TransactionConflict); a
// burst on one code must not turn into 500s, so such attempts are retried a little, then slowed down with 429.
const CONFLICT_RETRIES = 2;

const counterGuard = (rule: RateLimitRule): Guard => `rate-limit:${rule.scope}`;

const counterItem = ({ rule, subject }: RateLimitCheck, nowMs: number): NamedItem => {
  const window = windowOf(rule, nowMs);
  return {
    item: {
      Update: {
        TableName: TABLE,
        Key: rateLimitKey(rule, subject, window),
        UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'count', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': 1, ':limit': rule.limit, ':ttl': rateLimitExpiry(window) },
      },
    },
    guard: counterGuard(rule),
  };
};

/** Counts one attempt against every check, or none when any of them is at its limit. */
export async function consumeAttempt(checks: RateLimitCheck[]): Promise<RateLimitOutcome> {
  for (let attempt = 0; ; attempt++) {
    const nowMs = Date.now();
    try {
      await transact(checks.map((check) => counterItem(check, nowMs)));
      return { allowed: true };
    } catch (error) {
      if (error instanceof ConditionFailed) {
        const refused = checks.filter((check) => error.has(counterGuard(check.rule)));
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, ...refused.map((check) => secondsUntil(windowOf(check.rule, nowMs), nowMs))),
        };
      }
      const contended = cancellationReasons(error)?.includes('TransactionConflict') ?? false;
      if (!contended) throw error;
      // Still contended after a few tries: that much traffic on one counter is itself a reason to slow down.
      if (attempt >= CONFLICT_RETRIES) return { allowed: false, retryAfterSeconds: 1 };
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt + Math.random() * 20));
    }
  }
}
