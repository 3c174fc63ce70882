// Abuse limits (issue 7, item 5): every abuse-prone route is throttled per client (the source address API Gateway saw,
// never a forwarded header) and per account, with counters in DynamoDB that expire by TTL. Sign-in failures back off
// more and more; failed join-code guesses are also bounded per client and per account. The environment may override any number (a load
// test), never disable a limit. Authenticated member routes gain no DynamoDB call: the limits of member additions are
// items of the addition's own transaction (limitItems).
import { limits } from '#core/limits';
import { events } from '#domain/metrics';
import type { Client } from '#domain/principal';
import { type BackoffRule, type RateLimitRule, tooManyRequests } from '#domain/rate-limit';
import { isRefusal } from '#domain/refusal';
import { metricItems } from '#repositories/metrics';
import {
  type BackoffCheck,
  clearBackoff,
  consumeAttempt,
  counterItems,
  type RateLimitCheck,
  rateLimited,
  readBackoff,
  recordFailure,
} from '#repositories/rate-limits';
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
} as const satisfies Record<string, RateLimitRule>;

export type { Client };

export { tooManyRequests };

/** Counts one attempt against each check before the work it limits; 429 with Retry-After past a limit. */
async function consume(checks: RateLimitCheck[]): Promise<void> {
  const attempt = await consumeAttempt(checks);
  if (!attempt.allowed) throw tooManyRequests(attempt.retryAfterSeconds);
}

/** Every registration (register-cabinet, register in any mode): per client and per username asked for. */
export const limitRegistration = (client: Client, username: string) =>
  consume([
    { rule: ATTEMPT_LIMITS.registrationPerClient, subject: client.sourceIp },
    { rule: ATTEMPT_LIMITS.registrationPerAccount, subject: username.toLowerCase() },
  ]);

/** Creating an organisation (each reserves a platform-unique name): per account and per client. */
export const limitOrganisationCreation = (client: Client, userId: string) =>
  consume([
    { rule: ATTEMPT_LIMITS.organisationPerAccount, subject: userId },
    { rule: ATTEMPT_LIMITS.organisationPerClient, subject: client.sourceIp },
  ]);

/** Accepting an invitation: per client and per account (the signed-in caller, or the invitation being redeemed). */
export const limitAcceptance = (client: Client, account: string) =>
  consume([
    { rule: ATTEMPT_LIMITS.acceptancePerClient, subject: client.sourceIp },
    { rule: ATTEMPT_LIMITS.acceptancePerAccount, subject: account },
  ]);

/**
 * Member additions by `actorId`: counter items for the addition's own transaction (no DynamoDB call of their own),
 * and `refusedAddition` to turn their refusal into a 429.
 */
export function memberAdditionLimits(client: Client, actorId: string): { items: NamedItem[]; refused: (error: unknown) => void } {
  const checks: RateLimitCheck[] = [
    { rule: ATTEMPT_LIMITS.memberAdditionPerAccount, subject: actorId },
    { rule: ATTEMPT_LIMITS.memberAdditionPerClient, subject: client.sourceIp },
  ];
  const nowMs = Date.now();
  return {
    items: counterItems(checks, nowMs),
    refused: (error) => {
      const wait = rateLimited(error, checks, nowMs);
      if (wait !== undefined) throw tooManyRequests(wait, error, 'Too many members added; try again later.');
    },
  };
}

// Sign-in: failures back off per account and per client.

const signInChecks = (username: string, client: Client): BackoffCheck[] => [
  { rule: SIGN_IN_LIMITS.perAccount, subject: username.toLowerCase() },
  { rule: SIGN_IN_LIMITS.perClient, subject: client.sourceIp },
];

const SIGN_IN_LOCKED = 'Too many failed sign-ins; try again later.';

/** The platform KPI of failed sign-ins (GET /api/platform/metrics), counted in the failure's own transaction. */
const failedSignInCounted = () => metricItems([events(new Date().toISOString(), { failedSignIns: 1 })]);

/**
 * Runs a sign-in step (`attempt`: the password, or the MFA code) under the back-off: refused with 429 and Retry-After
 * while the account or the client is locked — the same answer for an unknown username as for a known one, since
 * both are counted alike — a failure counted, and the account's failures forgotten once `succeeded` says so.
 */
export async function underSignInLimits<T>(
  username: string,
  client: Client,
  attempt: () => Promise<T>,
  options: { failure: (error: unknown) => boolean; succeeded: (result: T) => boolean },
): Promise<T> {
  const checks = signInChecks(username, client);
  const state = await readBackoff(checks);
  if (state.waitSeconds > 0) throw tooManyRequests(state.waitSeconds, undefined, SIGN_IN_LOCKED);
  let result: T;
  try {
    result = await attempt();
  } catch (error) {
    if (options.failure(error)) await recordFailure(checks, failedSignInCounted());
    throw error;
  }
  const [accountCheck] = checks;
  if (accountCheck && (state.failures[0] ?? 0) > 0 && options.succeeded(result)) await clearBackoff(accountCheck);
  return result;
}

/** A wrong password typed anywhere else (changing it): counted like a failed sign-in, and refused while locked. */
export async function recordFailedSignIn(username: string, client: Client): Promise<void> {
  await recordFailure(signInChecks(username, client), failedSignInCounted());
}

/** Refused (429) while the account or the client is locked out of signing in. */
export async function assertSignInAllowed(username: string, client: Client): Promise<void> {
  const state = await readBackoff(signInChecks(username, client));
  if (state.waitSeconds > 0) throw tooManyRequests(state.waitSeconds, undefined, SIGN_IN_LOCKED);
}

export const isCredentialFailure = (error: unknown): boolean => isRefusal(error, 'invalid-credentials', 'invalid-mfa-code');
