// Abuse limits (issue 7, item 5): every abuse-prone route is throttled per client (the source address API Gateway saw,
// never a forwarded header) and per account, with counters in DynamoDB that expire by TTL. Sign-in failures back off
// more and more; failed join-code guesses are also bounded per client and per account. The environment may override any number (a load
// test), never disable a limit. Authenticated member routes gain no DynamoDB call: the limits of member additions are
// items of the addition's own transaction (limitItems).
import { nowMs } from '#core/clock';
import { limits } from '#core/limits';
import { logger } from '#core/logger';
import type { Client } from '#domain/principal';
import type { BackoffRule, RateLimitRule } from '#domain/rate-limit';
import * as refusals from '#domain/refusals';
import { isRefusal } from '#domain/refusals';
import type { TenantContext } from '#domain/tenant';
import { bucketShards, secondsUntilRefill, type TenantBucketRule } from '#domain/tenant-bucket';
import * as kpis from '#repositories/metrics';
import type { BackoffCheck, RateLimitCheck, RateLimitOutcome } from '#repositories/rate-limits';
import * as dynamoLimits from '#repositories/rate-limits';
import type { NamedItem } from '#repositories/transactions';

const QUARTER_HOUR = 900;
const HOUR = 3600;
const DAY = 86_400;

const backoff = (scope: string, freeFailures: number, windowSeconds: number): BackoffRule => ({
  scope,
  freeFailures,
  baseSeconds: limits.SIGN_IN_BACKOFF_BASE_SECONDS,
  maxSeconds: limits.SIGN_IN_BACKOFF_MAX_SECONDS,
  windowSeconds,
});

// An account's failures are counted over a day (a right password forgets them), so however many clients guess, one
// account gets its free failures and then one guess per lock: about 100 a day at most. A client's over an hour: an
// office behind one address must not be locked for a day by its own typos.
export const SIGN_IN_LIMITS = {
  perAccount: backoff('sign-in-account', limits.SIGN_IN_FREE_FAILURES_PER_ACCOUNT, DAY),
  perClient: backoff('sign-in-client', limits.SIGN_IN_FREE_FAILURES_PER_CLIENT, HOUR),
} as const satisfies Record<string, BackoffRule>;

const rule = (scope: string, limit: number, windowSeconds: number): RateLimitRule => ({ scope, limit, windowSeconds });

export const ATTEMPT_LIMITS = {
  registrationPerClient: rule('registration-client', limits.REGISTRATIONS_PER_CLIENT_PER_HOUR, HOUR),
  registrationPerAccount: rule('registration-account', limits.REGISTRATIONS_PER_ACCOUNT_PER_HOUR, HOUR),
  organisationPerAccount: rule('organisation-account', limits.ORGANISATIONS_PER_ACCOUNT_PER_QUARTER, QUARTER_HOUR),
  organisationPerClient: rule('organisation-client', limits.ORGANISATIONS_PER_CLIENT_PER_QUARTER, QUARTER_HOUR),
  acceptancePerClient: rule('acceptance-client', limits.ACCEPTANCES_PER_CLIENT_PER_QUARTER, QUARTER_HOUR),
  acceptancePerAccount: rule('acceptance-account', limits.ACCEPTANCES_PER_ACCOUNT_PER_QUARTER, QUARTER_HOUR),
  memberAdditionPerAccount: rule('member-addition-account', limits.MEMBER_ADDITIONS_PER_ACCOUNT_PER_QUARTER, QUARTER_HOUR),
  memberAdditionPerClient: rule('member-addition-client', limits.MEMBER_ADDITIONS_PER_CLIENT_PER_QUARTER, QUARTER_HOUR),
  directoryPerClient: rule('directory-client', limits.DIRECTORY_PAGES_PER_CLIENT_PER_MINUTE, 60),
} as const satisfies Record<string, RateLimitRule>;

export type { Client };

/**
 * The store the limits count in (repositories/rate-limits.ts on DynamoDB; the unit tests' in-memory one keeps the
 * same rules: a refused attempt counts nowhere, failures per fixed window, the lock computed by domain/rate-limit).
 */
export interface LimitStore {
  /** Counts one attempt against every check, or none when any check (or ceiling) is at its limit. */
  consumeAttempt(checks: RateLimitCheck[], ceilings?: RateLimitCheck[]): Promise<RateLimitOutcome>;
  /** The seconds the checks' subjects must still wait (0: none is locked), and each one's failures so far. */
  readBackoff(checks: BackoffCheck[], nowMs: number): Promise<{ waitSeconds: number; failures: number[] }>;
  /** One failure against every check. */
  recordFailure(checks: BackoffCheck[], nowMs: number): Promise<void>;
  /** Counts one failed sign-in in the platform KPIs, with a write of its own. */
  countFailedSignIn(nowMs: number): Promise<void>;
  /** Forgets a subject's failures. */
  clearBackoff(check: BackoffCheck, nowMs: number): Promise<void>;
  /** Counter items for another transaction, and whether that transaction's refusal came from them (the wait). */
  counterItems(checks: RateLimitCheck[], nowMs: number): NamedItem[];
  rateLimited(error: unknown, checks: RateLimitCheck[], nowMs: number): number | undefined;
}

/** The abuse limits over `store`, reading the time from `clock`. */
export function abuseLimits(store: LimitStore, clock: () => number = nowMs) {
  /** Counts one attempt against each check before the work it limits; 429 with Retry-After past a limit. */
  /**
   * A failure against the back-off, then the platform KPI of failed sign-ins (GET /api/platform/metrics) with a write
   * of its own: best effort, so a throttled or failing counter never costs a failure its lock (logged, not thrown).
   */
  async function recordFailure(checks: BackoffCheck[], now: number): Promise<void> {
    await store.recordFailure(checks, now);
    try {
      await store.countFailedSignIn(now);
    } catch (error) {
      logger.warn('failed sign-in not counted in the KPIs', { error });
    }
  }

  async function consume(checks: RateLimitCheck[]): Promise<void> {
    const attempt = await store.consumeAttempt(checks);
    if (!attempt.allowed) throw refusals.tooManyRequests(attempt.retryAfterSeconds);
  }

  const signInChecks = (username: string, client: Client): BackoffCheck[] => [
    { rule: SIGN_IN_LIMITS.perAccount, subject: username.toLowerCase() },
    { rule: SIGN_IN_LIMITS.perClient, subject: client.sourceIp },
  ];

  return {
    /** Every registration (register-cabinet, register in any mode): per client and per username asked for. */
    limitRegistration: (client: Client, username: string) =>
      consume([
        { rule: ATTEMPT_LIMITS.registrationPerClient, subject: client.sourceIp },
        { rule: ATTEMPT_LIMITS.registrationPerAccount, subject: username.toLowerCase() },
      ]),

    /** Creating an organisation (each reserves a platform-unique name): per account and per client. */
    limitOrganisationCreation: (client: Client, userId: string) =>
      consume([
        { rule: ATTEMPT_LIMITS.organisationPerAccount, subject: userId },
        { rule: ATTEMPT_LIMITS.organisationPerClient, subject: client.sourceIp },
      ]),

    /** Reading the public directory of organisations (a public list): per client. */
    limitDirectory: (client: Client) => consume([{ rule: ATTEMPT_LIMITS.directoryPerClient, subject: client.sourceIp }]),

    /** Accepting an invitation: per client and per account (the signed-in caller, or the invitation being redeemed). */
    limitAcceptance: (client: Client, account: string) =>
      consume([
        { rule: ATTEMPT_LIMITS.acceptancePerClient, subject: client.sourceIp },
        { rule: ATTEMPT_LIMITS.acceptancePerAccount, subject: account },
      ]),

    /**
     * Member additions by `actorId`: counter items for the addition's own transaction (no DynamoDB call of their own),
     * and `refused` to turn their refusal into a 429.
     */
    memberAdditionLimits(client: Client, actorId: string): { items: NamedItem[]; refused: (error: unknown) => void } {
      const checks: RateLimitCheck[] = [
        { rule: ATTEMPT_LIMITS.memberAdditionPerAccount, subject: actorId },
        { rule: ATTEMPT_LIMITS.memberAdditionPerClient, subject: client.sourceIp },
      ];
      const now = clock();
      return {
        items: store.counterItems(checks, now),
        refused: (error) => {
          const wait = store.rateLimited(error, checks, now);
          if (wait !== undefined) throw refusals.tooManyRequests(wait, 'membersAdded', { cause: error });
        },
      };
    },

    /**
     * Runs a sign-in step (`attempt`: the password, or the MFA code) under the back-off: refused with 429 and Retry-After
     * while the account or the client is locked — the same answer for an unknown username as for a known one, since
     * both are counted alike — a failure counted, and the account's failures forgotten once `succeeded` says so.
     */
    async underSignInLimits<T>(
      username: string,
      client: Client,
      attempt: () => Promise<T>,
      options: { failure: (error: unknown) => boolean; succeeded: (result: T) => boolean },
    ): Promise<T> {
      const checks = signInChecks(username, client);
      const state = await store.readBackoff(checks, clock());
      if (state.waitSeconds > 0) throw refusals.tooManyRequests(state.waitSeconds, 'signIns');
      let result: T;
      try {
        result = await attempt();
      } catch (error) {
        if (options.failure(error)) {
          const now = clock();
          await recordFailure(checks, now);
        }
        throw error;
      }
      const [accountCheck] = checks;
      if (accountCheck && (state.failures[0] ?? 0) > 0 && options.succeeded(result)) await store.clearBackoff(accountCheck, clock());
      return result;
    },

    /** A wrong password typed anywhere else (changing it): counted like a failed sign-in, and refused while locked. */
    async recordFailedSignIn(username: string, client: Client): Promise<void> {
      const now = clock();
      await recordFailure(signInChecks(username, client), now);
    },

    /** Refused (429) while the account or the client is locked out of signing in. */
    async assertSignInAllowed(username: string, client: Client): Promise<void> {
      const state = await store.readBackoff(signInChecks(username, client), clock());
      if (state.waitSeconds > 0) throw refusals.tooManyRequests(state.waitSeconds, 'signIns');
    },
  };
}

// The limits every route uses: counted in DynamoDB.
const dynamoStore: LimitStore = {
  ...dynamoLimits,
  recordFailure: (checks, nowMs) => dynamoLimits.recordFailure(checks, nowMs),
  countFailedSignIn: (nowMs) => kpis.recordFailedSignIn(new Date(nowMs).toISOString()),
};

export const {
  limitRegistration,
  limitOrganisationCreation,
  limitAcceptance,
  limitDirectory,
  memberAdditionLimits,
  underSignInLimits,
  recordFailedSignIn,
  assertSignInAllowed,
} = abuseLimits(dynamoStore);

/** Each organisation's bucket of patient writes (domain/tenant-bucket.ts; docs/throttling.md: per tenant). */
export const TENANT_WRITES: TenantBucketRule = {
  tokens: limits.TENANT_WRITES_PER_WINDOW,
  windowSeconds: limits.TENANT_WRITE_WINDOW_SECONDS,
};

/**
 * Runs a patient write with one token of the tenant's bucket as an item of its own transaction (no DynamoDB call of
 * its own). When the shard drawn is empty the cancelled transaction wrote nothing, so the write is tried once more
 * on another shard; when that one is empty too, it is refused: 429 with Retry-After (the bucket's refill).
 */
export async function underTenantWriteLimit<T>(tenant: TenantContext, write: (extra: NamedItem[]) => Promise<T>): Promise<T> {
  const now = nowMs();
  let refusal: unknown;
  for (const shard of bucketShards(Math.random(), Math.random())) {
    try {
      return await write([dynamoLimits.tenantBucketItem(tenant.organisationId, TENANT_WRITES, now, shard)]);
    } catch (error) {
      if (!dynamoLimits.tenantBucketEmpty(error)) throw error;
      refusal = error;
    }
  }
  throw refusals.tooManyRequests(secondsUntilRefill(TENANT_WRITES, now), 'tenantWrites', { cause: refusal });
}

export const isCredentialFailure = (error: unknown): boolean => isRefusal(error, 'invalid-credentials', 'invalid-mfa-code');
