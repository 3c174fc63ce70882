// The account sweeper's run over in-memory stores (the same invariants as the DynamoDB ones: a check is due once its
// time has come, removed only by its token; a reconciliation job has one cursor and one lease): it visits only what
// is due, never calls Cognito when nothing is, paces its calls, stops on its budget and resumes on the next run.
import { describe, expect, it, vi } from 'vitest';

// The Cognito adapter's configuration is read at load, as the deployed function gets it from CDK; nothing here calls it.
vi.hoisted(() => {
  Object.assign(process.env, {
    USER_POOL_ID: 'eu-west-3_unit',
    USER_POOL_CLIENT_ID: 'unit-client',
    TOKEN_AUDIENCES: 'unit-client',
    TOKEN_ISSUER: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_unit',
    LOG_LEVEL: 'silent',
    // Powertools' own switch: the runs' metric lines are not this test's subject.
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
});

import { type AccountCheck, checkOutcome, type ReconcileJob, accountCheckShard as shardOf } from '#domain/account-check';
import type { Membership } from '#domain/membership';
import type { ReconcileCursor } from '#repositories/account-checks';
import { type AccountSweepPorts, type AccountSweepSummary, orphanSettings, sweepAccounts } from '#use-cases/orphans';

const T0 = Date.parse('2026-12-07T10:00:00.000Z');
const MIN_AGE_MS = orphanSettings.ORPHAN_MIN_AGE_SECONDS * 1000;

interface CognitoUser {
  sub: string;
  createdAt: Date;
}

/** In-memory stores and Cognito, with a clock that only sleeps move, and a log of every Cognito call. */
function world() {
  let clock = T0;
  const checks = new Map<string, AccountCheck>();
  const users = new Map<string, CognitoUser>();
  const guards = new Map<string, string>();
  const organisations: { id: string; sk: string; members: Membership[] }[] = [];
  const jobs = new Map<string, ReconcileJob>();
  const reconciled: string[] = [];
  const calls: { op: 'AdminGetUser' | 'AdminDeleteUser' | 'ListUsers'; at: number }[] = [];
  const ports: AccountSweepPorts = {
    dueChecks: async (shard, now, limit) =>
      [...checks.values()]
        .filter((check) => check.dueAt <= now && shardOf(check.username) === shard)
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
        .slice(0, limit),
    removeCheck: async (username, token) => {
      if (checks.get(username)?.token === token) checks.delete(username);
    },
    rescheduleCheck: async (check, dueAt) => {
      const held = checks.get(check.username);
      if (held?.token === check.token) checks.set(check.username, { ...held, dueAt });
    },
    usernameGuards: async (usernames) => new Map(usernames.flatMap((name) => (guards.has(name) ? [[name, guards.get(name) ?? '']] : []))),
    getUser: async (username) => {
      calls.push({ op: 'AdminGetUser', at: clock });
      return users.get(username);
    },
    deleteUser: async (username) => {
      calls.push({ op: 'AdminDeleteUser', at: clock });
      users.delete(username);
    },
    listUsersPage: async (token) => {
      calls.push({ op: 'ListUsers', at: clock });
      const all = [...users.entries()].sort(([a], [b]) => a.localeCompare(b));
      const start = token ? Number(token) : 0;
      const page = all.slice(start, start + 60).map(([username, user]) => ({ username, ...user }));
      return { users: page, ...(start + 60 < all.length ? { next: String(start + 60) } : {}) };
    },
    dueReconcileJobs: async (now) => [...jobs.values()].filter((job) => job.dueAt <= now),
    claimReconcileJob: async (job, token, nowMs) => {
      const held = jobs.get(job.scope);
      if (held?.dueAt !== job.dueAt) return false;
      jobs.set(job.scope, { ...held, leaseToken: token, dueAt: new Date(nowMs + 120_000).toISOString() });
      return true;
    },
    checkpointReconcile: async (job, token, cursor: ReconcileCursor, checked, nowMs, release) => {
      const held = jobs.get(job.scope);
      if (held?.leaseToken !== token) throw new Error('lost lease');
      const { organisationsAfter, organisation, organisationSk, membersAfter, poolToken } = cursor;
      jobs.set(job.scope, {
        scope: held.scope,
        requestedAt: held.requestedAt,
        checked: held.checked + checked,
        dueAt: new Date(release ? nowMs : nowMs + 120_000).toISOString(),
        ...(release ? {} : { leaseToken: token }),
        ...(organisationsAfter ? { organisationsAfter } : {}),
        ...(organisation ? { organisation } : {}),
        ...(organisationSk ? { organisationSk } : {}),
        ...(membersAfter ? { membersAfter } : {}),
        ...(poolToken ? { poolToken } : {}),
      });
    },
    finishReconcile: async (job, token) => {
      if (jobs.get(job.scope)?.leaseToken !== token) throw new Error('lost lease');
      jobs.delete(job.scope);
    },
    organisationsPage: async (after, limit) => {
      const next = organisations.filter((org) => after === undefined || org.sk > after).slice(0, limit);
      return { ids: next.map((org) => org.id), sks: next.map((org) => org.sk), more: false };
    },
    membershipsPage: async (organisationId, after, limit) => {
      const all = organisations.find((org) => org.id === organisationId)?.members ?? [];
      const rest = all.filter((m) => after === undefined || `MEMBER#${m.userId}` > after);
      return { memberships: rest.slice(0, limit), more: rest.length > limit };
    },
    alreadyReconciled: async (userIds) => new Set(userIds.filter((id) => reconciled.includes(id))),
    reconcileGone: async (userId) => {
      reconciled.push(userId);
    },
    recordOrphans: async () => {},
    sleep: async (ms) => {
      clock += ms;
    },
    clock: () => clock,
  };
  return {
    ports,
    checks,
    users,
    guards,
    organisations,
    jobs,
    reconciled,
    calls,
    now: () => new Date(clock),
    advance: (ms: number) => {
      clock += ms;
    },
    run: (budget: { maxWork?: number; pageSize?: number; seconds?: number } = {}): Promise<AccountSweepSummary> =>
      sweepAccounts(new Date(clock), { deadlineMs: clock + (budget.seconds ?? 240) * 1000, ...budget }, ports),
  };
}

const member = (organisationId: string, userId: string): Membership =>
  ({ organisationId, userId, username: `user-${userId}`, role: 'MEMBER', status: 'ACTIVE' }) as Membership;

/** An attempt that created `username` in Cognito at `at` and died before its transaction: its check is left. */
function orphanOf(w: ReturnType<typeof world>, username: string, at = T0) {
  w.users.set(username, { sub: `sub-${username}`, createdAt: new Date(at) });
  w.checks.set(username, { username, dueAt: new Date(at + MIN_AGE_MS).toISOString(), token: `t-${username}`, reason: 'creation' });
}

describe('checkOutcome', () => {
  const now = new Date(T0 + MIN_AGE_MS);
  it('removes the check when there is no user, or the guard names the user (the account is real)', () => {
    expect(checkOutcome(undefined, undefined, now, MIN_AGE_MS / 1000)).toEqual({ action: 'remove' });
    expect(checkOutcome({ sub: 'a', createdAt: new Date(T0) }, 'a', now, MIN_AGE_MS / 1000)).toEqual({ action: 'remove' });
  });
  it('deletes a user without an account once it is old enough, and looks again later when it is younger', () => {
    expect(checkOutcome({ sub: 'a', createdAt: new Date(T0) }, undefined, now, MIN_AGE_MS / 1000)).toEqual({ action: 'delete-orphan' });
    expect(checkOutcome({ sub: 'a', createdAt: new Date(T0) }, 'someone-else', now, MIN_AGE_MS / 1000)).toEqual({
      action: 'delete-orphan',
    });
    expect(checkOutcome({ sub: 'a', createdAt: new Date(T0 + 5000) }, undefined, now, MIN_AGE_MS / 1000)).toEqual({
      action: 'later',
      dueAt: new Date(T0 + 5000 + MIN_AGE_MS + 1000).toISOString(),
    });
  });
});

describe('the account sweeper', () => {
  it('makes no Cognito call at all when nothing is due (however many accounts exist)', async () => {
    const w = world();
    for (let i = 0; i < 500; i++) {
      w.users.set(`real-${i}`, { sub: `s${i}`, createdAt: new Date(T0 - 86_400_000) });
      w.guards.set(`real-${i}`, `s${i}`);
    }
    orphanOf(w, 'not-yet', T0); // due in MIN_AGE_MS: not now
    const summary = await w.run();
    expect(w.calls).toEqual([]);
    expect(summary).toMatchObject({ checks: 0, complete: true, cognitoCalls: { AdminGetUser: 0, AdminDeleteUser: 0, ListUsers: 0 } });
    expect(w.checks.has('not-yet')).toBe(true);
  });

  it('deletes the orphans of due checks, removes the checks of real accounts, and looks again at a younger user', async () => {
    const w = world();
    orphanOf(w, 'orphan');
    w.users.set('real', { sub: 'sub-real', createdAt: new Date(T0) });
    w.guards.set('real', 'sub-real');
    w.checks.set('real', { username: 'real', dueAt: new Date(T0).toISOString(), token: 'r', reason: 'creation' });
    w.checks.set('gone', { username: 'gone', dueAt: new Date(T0).toISOString(), token: 'g', reason: 'deletion' });
    // Created again 5 s after its check was written: not old enough yet when the check is due.
    w.users.set('again', { sub: 'sub-again', createdAt: new Date(T0 + 5000) });
    w.checks.set('again', { username: 'again', dueAt: new Date(T0 + MIN_AGE_MS).toISOString(), token: 'a', reason: 'creation' });
    w.advance(MIN_AGE_MS);

    const summary = await w.run();
    expect(summary).toMatchObject({ checks: 4, orphansFound: 1, orphansDeleted: 1, complete: true });
    expect(w.users.has('orphan')).toBe(false);
    expect(w.users.has('real')).toBe(true);
    expect([...w.checks.keys()]).toEqual(['again']);
    expect(w.checks.get('again')?.dueAt).toBe(new Date(T0 + 5000 + MIN_AGE_MS + 1000).toISOString());
    expect(w.calls.filter((call) => call.op === 'AdminDeleteUser')).toHaveLength(1);
  });

  it('paces its calls under its shares of the Cognito quotas', async () => {
    const w = world();
    for (let i = 0; i < 6; i++) orphanOf(w, `orphan-${i}`);
    w.advance(MIN_AGE_MS);
    await w.run();
    const gaps = (op: string) =>
      w.calls
        .filter((call) => call.op === op)
        .map((call) => call.at)
        .flatMap((at, index, all) => (index === 0 ? [] : [at - (all[index - 1] ?? 0)]));
    expect(gaps('AdminGetUser').every((gap) => gap >= 1000 / orphanSettings.ACCOUNT_SWEEP_READS_PER_SECOND)).toBe(true);
    expect(gaps('AdminDeleteUser').every((gap) => gap >= 1000 / orphanSettings.ACCOUNT_SWEEP_DELETES_PER_SECOND)).toBe(true);
    expect(gaps('AdminDeleteUser')).toHaveLength(5);
  });

  it('stops on its budget with the rest still due, and the next runs finish it', async () => {
    const w = world();
    for (let i = 0; i < 5; i++) orphanOf(w, `orphan-${i}`);
    w.advance(MIN_AGE_MS);
    const runs: AccountSweepSummary[] = [];
    do runs.push(await w.run({ maxWork: 2, pageSize: 1 }));
    while (!runs.at(-1)?.complete && runs.length < 10);
    expect(runs.map((run) => run.orphansDeleted)).toEqual([2, 2, 1]);
    expect(runs.map((run) => run.complete)).toEqual([false, false, true]);
    expect(w.checks.size).toBe(0);
    expect(w.users.size).toBe(0);
  });

  it('stops at its deadline too (the paced calls take time), leaving the rest due', async () => {
    const w = world();
    for (let i = 0; i < 40; i++) orphanOf(w, `orphan-${i}`);
    w.advance(MIN_AGE_MS);
    // 1 s: about two deletions at 2/s.
    const first = await w.run({ seconds: 1 });
    expect(first.complete).toBe(false);
    expect(first.orphansDeleted).toBeLessThan(40);
    expect(w.checks.size).toBe(40 - first.orphansDeleted);
  });

  it('reconciles accounts deleted outside the API only when asked, from its checkpoint, once each', async () => {
    const w = world();
    const members = (org: string, ids: string[]) => ids.map((id) => member(org, id));
    w.organisations.push(
      { id: 'o1', sk: '2026-01-01#o1', members: members('o1', ['a', 'b', 'c']) },
      { id: 'o2', sk: '2026-01-02#o2', members: members('o2', ['c', 'd']) },
    );
    for (const id of ['a', 'c', 'd']) w.users.set(`user-${id}`, { sub: id, createdAt: new Date(T0 - 1) });
    // b is gone from Cognito. Not asked for: nothing read, nothing found.
    expect(await w.run()).toMatchObject({ accountsChecked: 0, deletedAccounts: 0 });
    expect(w.calls).toEqual([]);

    w.jobs.set('ALL', { scope: 'ALL', dueAt: new Date(T0).toISOString(), requestedAt: new Date(T0).toISOString(), checked: 0 });
    const runs: AccountSweepSummary[] = [];
    do {
      runs.push(await w.run({ maxWork: 2, pageSize: 2 }));
      w.advance(1);
    } while (w.jobs.size > 0 && runs.length < 10);
    expect(runs.length).toBeGreaterThan(1);
    expect(runs.slice(0, -1).every((run) => !run.complete)).toBe(true);
    expect(w.reconciled).toEqual(['b']);
    // Every membership's account asked once per organisation it is in (c twice), never more.
    expect(runs.reduce((sum, run) => sum + run.accountsChecked, 0)).toBe(5);
  });

  it('walks the whole pool only when asked to (after a restore), a page per step, deleting the users without an account', async () => {
    const w = world();
    for (let i = 0; i < 130; i++) {
      const name = `user-${String(i).padStart(3, '0')}`;
      w.users.set(name, { sub: `s${i}`, createdAt: new Date(T0 - 86_400_000) });
      // Users 7 and 100 have no account (created after the restore point).
      if (i !== 7 && i !== 100) w.guards.set(name, `s${i}`);
    }
    expect((await w.run()).cognitoCalls.ListUsers).toBe(0);

    w.jobs.set('POOL', { scope: 'POOL', dueAt: new Date(T0).toISOString(), requestedAt: new Date(T0).toISOString(), checked: 0 });
    const runs: AccountSweepSummary[] = [];
    do {
      runs.push(await w.run({ maxWork: 1 }));
      w.advance(1);
    } while (w.jobs.size > 0 && runs.length < 10);
    expect(runs.map((run) => run.cognitoCalls.ListUsers)).toEqual([1, 1, 1]);
    expect(runs.map((run) => run.orphansDeleted)).toEqual([1, 1, 0]);
    expect(w.users.has('user-007') || w.users.has('user-100')).toBe(false);
    expect(w.users.size).toBe(128);
  });
});
