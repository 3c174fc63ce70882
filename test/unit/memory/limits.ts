// An in-memory LimitStore (use-cases/abuse-limits.ts) that keeps the DynamoDB store's rules: counters per rule,
// subject and fixed window; an attempt is counted against all its checks or, when any (or any ceiling) is at its
// limit, against none; failures per back-off window with the last failure's time; the lock computed by the domain.

import { type BackoffState, backoffKey, backoffWindow, rateLimitKey, secondsLocked, secondsUntil, windowOf } from '#domain/rate-limit';
import type { BackoffCheck, RateLimitCheck } from '#repositories/rate-limits';
import { ConditionFailed, type NamedItem } from '#repositories/transactions';
import type { LimitStore } from '#use-cases/abuse-limits';

const keyOf = (key: { pk: string; sk: string }) => `${key.pk}|${key.sk}`;

export class MemoryLimitStore implements LimitStore {
  readonly counters = new Map<string, number>();
  readonly backoffs = new Map<string, BackoffState>();
  /** When each failed sign-in was counted in the KPIs. */
  readonly counted: number[] = [];
  /** Set to make the KPI write fail (a throttled counter). */
  kpiFails = false;

  private counterKey = ({ rule, subject }: RateLimitCheck, nowMs: number) => keyOf(rateLimitKey(rule, subject, windowOf(rule, nowMs)));
  private backoffKeyOf = ({ rule, subject }: BackoffCheck, nowMs: number) => keyOf(backoffKey(rule, subject, backoffWindow(rule, nowMs)));

  constructor(private readonly clock: () => number) {}

  private full(checks: RateLimitCheck[], nowMs: number) {
    return checks.filter((check) => (this.counters.get(this.counterKey(check, nowMs)) ?? 0) >= check.rule.limit);
  }

  async consumeAttempt(checks: RateLimitCheck[], ceilings: RateLimitCheck[] = []) {
    const nowMs = this.clock();
    const full = this.full([...checks, ...ceilings], nowMs);
    if (full.length > 0) {
      return {
        allowed: false as const,
        retryAfterSeconds: Math.max(1, ...full.map((check) => secondsUntil(windowOf(check.rule, nowMs), nowMs))),
      };
    }
    for (const check of checks)
      this.counters.set(this.counterKey(check, nowMs), (this.counters.get(this.counterKey(check, nowMs)) ?? 0) + 1);
    return { allowed: true as const };
  }

  async readBackoff(checks: BackoffCheck[], nowMs: number) {
    const states = checks.map((check) => this.backoffs.get(this.backoffKeyOf(check, nowMs)));
    const waits = checks.map((check, index) => secondsLocked(check.rule, states[index], nowMs));
    return { waitSeconds: Math.max(0, ...waits), failures: states.map((state) => state?.failures ?? 0) };
  }

  async recordFailure(checks: BackoffCheck[], nowMs: number) {
    for (const check of checks) {
      const key = this.backoffKeyOf(check, nowMs);
      this.backoffs.set(key, { failures: (this.backoffs.get(key)?.failures ?? 0) + 1, lastFailureAt: Math.floor(nowMs / 1000) });
    }
  }

  async countFailedSignIn(nowMs: number) {
    if (this.kpiFails) throw new Error('ProvisionedThroughputExceededException');
    this.counted.push(nowMs);
  }

  async clearBackoff(check: BackoffCheck, nowMs: number) {
    this.backoffs.delete(this.backoffKeyOf(check, nowMs));
  }

  /** Counter items as markers (key, limit and guard); commit() plays the transaction they join. */
  counterItems(checks: RateLimitCheck[], nowMs: number): NamedItem[] {
    return checks.map((check) => ({
      item: {
        ConditionCheck: {
          TableName: 'memory',
          Key: { key: this.counterKey(check, nowMs), limit: check.rule.limit },
          ConditionExpression: 'below limit',
        },
      },
      guard: `rate-limit:${check.rule.scope}` as const,
    }));
  }

  rateLimited(error: unknown, checks: RateLimitCheck[], nowMs: number) {
    if (!(error instanceof ConditionFailed)) return undefined;
    const refused = checks.filter((check) => error.has(`rate-limit:${check.rule.scope}`));
    return refused.length > 0 ? Math.max(1, ...refused.map((check) => secondsUntil(windowOf(check.rule, nowMs), nowMs))) : undefined;
  }

  /**
   * The transaction counter items joined: every counter below its limit, then all counted; otherwise ConditionFailed
   * naming the full ones and nothing counted, as DynamoDB cancels the whole transaction.
   */
  commit(items: NamedItem[]): void {
    const counters = items.map((named) => ({ ...(named.item.ConditionCheck?.Key as { key: string; limit: number }), guard: named.guard }));
    const full = counters.filter(({ key, limit }) => (this.counters.get(key) ?? 0) >= limit);
    if (full.length > 0) throw new ConditionFailed(full.map((counter) => counter.guard).filter((guard) => guard !== undefined));
    for (const { key } of counters) this.counters.set(key, (this.counters.get(key) ?? 0) + 1);
  }
}
