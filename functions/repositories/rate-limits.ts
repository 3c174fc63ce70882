// Fixed-window rate-limit counters: every counter a request is subject to is incremented in ONE
// TransactWriteItems whose conditions refuse the increment once a counter reached its limit, so a refused
// attempt counts nowhere and concurrent attempts can never overshoot a limit.
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, cancellationReasons, db, findItem, TABLE } from '#adapters/dynamodb';
import { nowMs as clockNow } from '#core/clock';
import { TTL_ATTRIBUTE } from '#core/table';
import {
  type BackoffRule,
  type BackoffState,
  backoffKey,
  backoffWindow,
  counterIncrement,
  type RateLimitRule,
  rateLimitExpiry,
  rateLimitKey,
  secondsLocked,
  secondsUntil,
  windowOf,
} from '#domain/rate-limit';
import { bucketExpiry, bucketKey, bucketWindow, shardTokens, type TenantBucketRule } from '#domain/tenant-bucket';
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
    item: { Update: { TableName: TABLE, ...counterIncrement(rateLimitKey(rule, subject, window), rateLimitExpiry(window), rule.limit) } },
    guard: counterGuard(rule),
  };
};

/**
 * The counter items of `checks`, to add to another transaction (the write they limit): refused with the change itself,
 * so a limit costs no DynamoDB call of its own (member additions). `rateLimited` turns the refusal into its wait.
 */
export const counterItems = (checks: RateLimitCheck[], nowMs = clockNow()): NamedItem[] => checks.map((check) => counterItem(check, nowMs));

/** Whether a refused transaction was refused by one of these counters, and how long to wait then. */
export function rateLimited(error: unknown, checks: RateLimitCheck[], nowMs = clockNow()): number | undefined {
  if (!(error instanceof ConditionFailed)) return undefined;
  const refused = checks.filter((check) => error.has(counterGuard(check.rule)));
  return refused.length > 0 ? Math.max(1, ...refused.map((check) => secondsUntil(windowOf(check.rule, nowMs), nowMs))) : undefined;
}

/**
 * A ConditionCheck that `rule`'s counter for `subject` is still below its limit in this window, without counting:
 * a ceiling that other events fill (failed join-code guesses platform-wide) but that this attempt must respect.
 */
export const ceilingCheck = ({ rule, subject }: RateLimitCheck, nowMs = clockNow()): NamedItem => ({
  item: {
    ConditionCheck: {
      TableName: TABLE,
      Key: rateLimitKey(rule, subject, windowOf(rule, nowMs)),
      ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':limit': rule.limit },
    },
  },
  guard: counterGuard(rule),
});

/** Counts one event against a counter without any limit on the write itself (the ceiling check reads it). */
export async function countEvent({ rule, subject }: RateLimitCheck, nowMs = clockNow()): Promise<void> {
  const window = windowOf(rule, nowMs);
  await db.send(new UpdateCommand({ TableName: TABLE, ...counterIncrement(rateLimitKey(rule, subject, window), rateLimitExpiry(window)) }));
}

export interface BackoffCheck {
  rule: BackoffRule;
  subject: string;
}

/** The seconds every check's subject must still wait (0 when none is locked), and its failures so far: one read. */
export async function readBackoff(checks: BackoffCheck[], nowMs = clockNow()): Promise<{ waitSeconds: number; failures: number[] }> {
  const keys = checks.map(({ rule, subject }) => backoffKey(rule, subject, backoffWindow(rule, nowMs)));
  const items = await batchGet(keys, { consistent: true });
  const states = keys.map((key) => findItem(items, key) as (BackoffState & Record<string, unknown>) | undefined);
  const waits = checks.map((check, index) => secondsLocked(check.rule, states[index], nowMs));
  return { waitSeconds: Math.max(0, ...waits), failures: states.map((state) => state?.failures ?? 0) };
}

/** Records one failure against every check, in one transaction. */
export async function recordFailure(checks: BackoffCheck[], nowMs = clockNow()): Promise<void> {
  await transact([
    ...checks.map(({ rule, subject }) => {
      const window = backoffWindow(rule, nowMs);
      return {
        item: {
          Update: {
            TableName: TABLE,
            Key: backoffKey(rule, subject, window),
            UpdateExpression: 'ADD failures :one SET lastFailureAt = :now, #ttl = :ttl',
            ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
            ExpressionAttributeValues: { ':one': 1, ':now': Math.floor(nowMs / 1000), ':ttl': window.end + rule.maxSeconds },
          },
        },
      };
    }),
  ]);
}

/** Forgets a subject's failures (a successful sign-in of the account). */
export async function clearBackoff({ rule, subject }: BackoffCheck, nowMs = clockNow()): Promise<void> {
  await db.send(new DeleteCommand({ TableName: TABLE, Key: backoffKey(rule, subject, backoffWindow(rule, nowMs)) }));
}

/**
 * Counts one attempt against every check, or none when any of them (or any of `ceilings`, which this attempt
 * respects without counting) is at its limit.
 */
export async function consumeAttempt(checks: RateLimitCheck[], ceilings: RateLimitCheck[] = []): Promise<RateLimitOutcome> {
  for (let attempt = 0; ; attempt++) {
    const nowMs = clockNow();
    try {
      await transact([...checks.map((check) => counterItem(check, nowMs)), ...ceilings.map((check) => ceilingCheck(check, nowMs))]);
      return { allowed: true };
    } catch (error) {
      if (error instanceof ConditionFailed) {
        const refused = [...checks, ...ceilings].filter((check) => error.has(counterGuard(check.rule)));
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

const TENANT_BUCKET_GUARD: Guard = 'rate-limit:tenant-bucket';

/**
 * Takes one token of the tenant's bucket (domain/tenant-bucket.ts) as an item of the write's own transaction: the
 * transaction is refused, writing nothing, when that shard is empty in this window.
 */
export function tenantBucketItem(organisationId: string, rule: TenantBucketRule, nowMs: number, shard: number): NamedItem {
  const window = bucketWindow(rule, nowMs);
  return {
    item: {
      Update: {
        TableName: TABLE,
        Key: bucketKey(organisationId, window, shard),
        UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :tokens',
        ExpressionAttributeNames: { '#count': 'count', '#ttl': TTL_ATTRIBUTE },
        ExpressionAttributeValues: { ':one': 1, ':tokens': shardTokens(rule), ':ttl': bucketExpiry(window) },
      },
    },
    guard: TENANT_BUCKET_GUARD,
  };
}

/** Whether a refused transaction was refused by the tenant's bucket. */
export const tenantBucketEmpty = (error: unknown): boolean => error instanceof ConditionFailed && error.has(TENANT_BUCKET_GUARD);
