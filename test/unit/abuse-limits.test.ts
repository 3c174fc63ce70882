// The abuse limits (use-cases/abuse-limits.ts) over an in-memory store with the DynamoDB store's rules and a clock
// the test moves: attempts per fixed window, the sign-in back-off, and member additions counted in their own write.
import { beforeEach, describe, expect, it } from 'vitest';
import { limits } from '#core/limits';
import { isRefusal, type Refusal } from '#domain/refusals';
import { ATTEMPT_LIMITS, abuseLimits, isCredentialFailure, SIGN_IN_LIMITS } from '#use-cases/abuse-limits';
import { MemoryLimitStore } from './memory/limits.ts';

// 10:00:00 exactly: every window (15 min, 1 h, 1 day) starts here, so the tests know where each one ends.
const START = Date.parse('2026-12-07T10:00:00.000Z');
let now = START;
const clock = () => now;
let store: MemoryLimitStore;
let limited: ReturnType<typeof abuseLimits>;
const client = { sourceIp: '203.0.113.7' };
const other = { sourceIp: '203.0.113.8' };

beforeEach(() => {
  now = START;
  store = new MemoryLimitStore(clock);
  limited = abuseLimits(store, clock);
});

/** The refusal `run` throws (or undefined when it does not). */
async function refusalOf(run: () => Promise<unknown>): Promise<Refusal | undefined> {
  try {
    await run();
    return undefined;
  } catch (error) {
    if (isRefusal(error)) return error;
    throw error;
  }
}

const retryAfter = (refusal: Refusal | undefined) => refusal?.details.retryAfterSeconds;
const times = async (count: number, run: () => Promise<unknown>) => {
  for (let index = 0; index < count; index++) await run();
};

describe('attempts per fixed window', () => {
  const perAccount = limits.REGISTRATIONS_PER_ACCOUNT_PER_HOUR;

  it('lets the limit of registrations for one username through, then answers 429', async () => {
    await times(perAccount, () => limited.limitRegistration(client, 'amina'));
    const refusal = await refusalOf(() => limited.limitRegistration(client, 'amina'));
    expect(refusal?.refusal).toBe('too-many-requests');
  });

  it('counts usernames case-insensitively', async () => {
    await times(perAccount, () => limited.limitRegistration(client, 'Amina'));
    expect((await refusalOf(() => limited.limitRegistration(client, 'AMINA')))?.refusal).toBe('too-many-requests');
  });

  it('counts each username apart', async () => {
    await times(perAccount, () => limited.limitRegistration(client, 'amina'));
    expect(await refusalOf(() => limited.limitRegistration(client, 'claire'))).toBeUndefined();
  });

  it('answers Retry-After: the whole seconds left in the window', async () => {
    await times(perAccount, () => limited.limitRegistration(client, 'amina'));
    now = START + 3_599_500;
    expect(retryAfter(await refusalOf(() => limited.limitRegistration(client, 'amina')))).toBe(1);
    now = START + 1_800_000;
    expect(retryAfter(await refusalOf(() => limited.limitRegistration(client, 'amina')))).toBe(1800);
  });

  it('starts afresh in the next window', async () => {
    await times(perAccount, () => limited.limitRegistration(client, 'amina'));
    now = START + 3_600_000;
    expect(await refusalOf(() => limited.limitRegistration(client, 'amina'))).toBeUndefined();
  });

  it('a refused attempt counts nowhere: the client keeps its own allowance', async () => {
    await times(perAccount, () => limited.limitRegistration(client, 'amina'));
    await times(10, () => refusalOf(() => limited.limitRegistration(client, 'amina')));
    const clientKey = [...store.counters.entries()].filter(([key]) => key.startsWith('RATELIMIT#registration-client#'));
    expect(clientKey.map(([, count]) => count)).toEqual([perAccount]);
  });

  it('limits one client across usernames', async () => {
    const perClient = limits.REGISTRATIONS_PER_CLIENT_PER_HOUR;
    for (let index = 0; index < perClient; index++) await limited.limitRegistration(client, `user-${index}`);
    expect((await refusalOf(() => limited.limitRegistration(client, 'someone-new')))?.refusal).toBe('too-many-requests');
    expect(await refusalOf(() => limited.limitRegistration(other, 'someone-new'))).toBeUndefined();
  });

  it('limits invitation acceptances per account and organisation creations per account, each in its own window', async () => {
    await times(limits.ACCEPTANCES_PER_ACCOUNT_PER_QUARTER, () => limited.limitAcceptance(client, 'u-1'));
    expect((await refusalOf(() => limited.limitAcceptance(other, 'u-1')))?.refusal).toBe('too-many-requests');
    await times(limits.ORGANISATIONS_PER_ACCOUNT_PER_QUARTER, () => limited.limitOrganisationCreation(client, 'u-1'));
    expect((await refusalOf(() => limited.limitOrganisationCreation(other, 'u-1')))?.refusal).toBe('too-many-requests');
    now = START + ATTEMPT_LIMITS.acceptancePerAccount.windowSeconds * 1000;
    expect(await refusalOf(() => limited.limitAcceptance(other, 'u-1'))).toBeUndefined();
  });
});

describe('member additions, counted in the addition’s own transaction', () => {
  const perAccount = limits.MEMBER_ADDITIONS_PER_ACCOUNT_PER_QUARTER;

  /** One addition: its counter items join the (here simulated) transaction, whose refusal `refused` maps. */
  const add = (actorId: string, from = client) => {
    const limit = limited.memberAdditionLimits(from, actorId);
    try {
      store.commit(limit.items);
    } catch (error) {
      limit.refused(error);
      throw error;
    }
  };

  it('adds no call of its own: two counter items for the addition to carry', () => {
    expect(limited.memberAdditionLimits(client, 'admin-1').items).toHaveLength(2);
  });

  it("refuses the actor's addition past the limit with 429 and the wait", async () => {
    for (let index = 0; index < perAccount; index++) add('admin-1');
    const refusal = await refusalOf(async () => add('admin-1'));
    expect(refusal?.refusal).toBe('too-many-requests');
    expect(retryAfter(refusal)).toBe(900);
  });

  it('leaves any other refusal of the transaction alone', () => {
    const limit = limited.memberAdditionLimits(client, 'admin-1');
    const other = new Error('something else');
    expect(() => limit.refused(other)).not.toThrow();
  });
});

describe('the sign-in back-off', () => {
  const free = limits.SIGN_IN_FREE_FAILURES_PER_ACCOUNT;
  const wrong = () => Promise.reject(Object.assign(new Error('wrong password'), { credential: true }));
  const isWrong = (error: unknown) => (error as { credential?: boolean }).credential === true;
  const signIn = (username: string, attempt: () => Promise<string>, from = client) =>
    limited.underSignInLimits(username, from, attempt, { failure: isWrong, succeeded: (result) => result === 'tokens' });
  const fail = (username: string, from = client) => refusalOfOrError(() => signIn(username, wrong, from));
  async function refusalOfOrError(run: () => Promise<unknown>) {
    try {
      await run();
    } catch {
      /* the wrong password, or the 429 */
    }
  }

  it('the free failures cost nothing: the right password still works', async () => {
    await times(free, () => fail('amina'));
    expect(await signIn('amina', async () => 'tokens')).toBe('tokens');
  });

  it('one failure more locks the account for the base lock, before the password is even tried', async () => {
    await times(free + 1, () => fail('amina'));
    let tried = false;
    const refusal = await refusalOf(() =>
      signIn('amina', async () => {
        tried = true;
        return 'tokens';
      }),
    );
    expect(refusal?.refusal).toBe('too-many-requests');
    expect(retryAfter(refusal)).toBe(limits.SIGN_IN_BACKOFF_BASE_SECONDS);
    expect(tried).toBe(false);
  });

  it('locks an unknown username exactly like a known one (no enumeration)', async () => {
    await times(free + 1, () => fail('nobody-at-all'));
    const refusal = await refusalOf(() => signIn('nobody-at-all', async () => 'tokens'));
    expect(retryAfter(refusal)).toBe(limits.SIGN_IN_BACKOFF_BASE_SECONDS);
  });

  it('the lock ends: past it, the right password works and the failures are forgotten', async () => {
    await times(free + 1, () => fail('amina'));
    now += limits.SIGN_IN_BACKOFF_BASE_SECONDS * 1000;
    expect(await signIn('amina', async () => 'tokens')).toBe('tokens');
    await fail('amina');
    expect(await signIn('amina', async () => 'tokens')).toBe('tokens');
  });

  it('doubles the lock with each further failure', async () => {
    await times(free + 1, () => fail('amina'));
    now += limits.SIGN_IN_BACKOFF_BASE_SECONDS * 1000;
    await fail('amina');
    expect(retryAfter(await refusalOf(() => signIn('amina', async () => 'tokens')))).toBe(2 * limits.SIGN_IN_BACKOFF_BASE_SECONDS);
  });

  it('counts only what is a credential failure (a Cognito outage is not a wrong password)', async () => {
    await times(free + 3, () => refusalOfOrError(() => signIn('amina', () => Promise.reject(new Error('network')))));
    expect(await signIn('amina', async () => 'tokens')).toBe('tokens');
  });

  it('locks the account from every client, and counts each client apart', async () => {
    await times(free + 1, () => fail('amina', client));
    expect((await refusalOf(() => signIn('amina', async () => 'tokens', other)))?.refusal).toBe('too-many-requests');
    expect(await signIn('claire', async () => 'tokens', client)).toBe('tokens');
  });

  it('a sign-in that answers no session (an MFA challenge) does not forget the failures', async () => {
    await times(free, () => fail('amina'));
    expect(await signIn('amina', async () => 'challenge')).toBe('challenge');
    await fail('amina');
    expect((await refusalOf(() => signIn('amina', async () => 'tokens')))?.refusal).toBe('too-many-requests');
  });

  it('every failure is counted in the platform KPI, in its own write', async () => {
    await times(3, () => fail('amina'));
    expect(store.counted).toHaveLength(3);
  });

  it('a KPI write that fails (throttled) costs the failure neither its lock nor its answer', async () => {
    store.kpiFails = true;
    const answer = await signIn('amina', wrong).catch((error: unknown) => error);
    expect(isWrong(answer)).toBe(true);
    await times(free, () => fail('amina'));
    expect(store.counted).toHaveLength(0);
    expect((await refusalOf(() => signIn('amina', async () => 'tokens')))?.refusal).toBe('too-many-requests');
  });

  it('a wrong password typed when changing it counts like a failed sign-in, and the lock refuses the change', async () => {
    await times(free + 1, () => limited.recordFailedSignIn('amina', client));
    expect((await refusalOf(() => limited.assertSignInAllowed('amina', client)))?.refusal).toBe('too-many-requests');
    expect(await refusalOf(() => limited.assertSignInAllowed('claire', other))).toBeUndefined();
  });

  it('counts a client’s failures over an hour and an account’s over a day', () => {
    expect(SIGN_IN_LIMITS.perClient.windowSeconds).toBe(3600);
    expect(SIGN_IN_LIMITS.perAccount.windowSeconds).toBe(86_400);
  });
});

describe('isCredentialFailure', () => {
  it('is a wrong password or MFA code, nothing else', async () => {
    const refusals = await import('#domain/refusals');
    expect(isCredentialFailure(refusals.invalidCredentials())).toBe(true);
    expect(isCredentialFailure(refusals.invalidMfaCode())).toBe(true);
    expect(isCredentialFailure(refusals.validationError([{ path: 'password', message: 'x' }]))).toBe(false);
    expect(isCredentialFailure(new Error('network'))).toBe(false);
  });
});
