// Issue 10, GET /api/platform/metrics over HTTP: every KPI moves by exactly what the changes it counts should move it
// by. The counters are platform-wide, so this file runs against a stack of its own (no other test file's
// registrations, invitations or failed sign-ins land in it) and compares snapshots taken before and after. The changes
// write KPI records that the stack's stream reader counts a moment later (functions/jobs/kpi-counter.ts): a snapshot
// "after" is polled until it shows the expected change (or the deadline passes, and the assertion shows the gap).
// The month-range rules and the expired/pending derivation at the hour are unit-tested (test/unit/metrics.test.ts).
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiRecord } from '#domain/metrics';
import { api, PASSWORD, problemOf, registerCabinet, stack, unique, useStack } from '#test/api';
import { organisationGone } from '#test/deletion';
import { dynamo, getItem, partition } from '#test/emulators';
import { INVITATION_SUBJECT, tokenFromMail } from '#test/mail';
import { createSuperAdmin } from '#test/platform';
import { createInput, joinInput, newClientAddress, register } from '#test/registration';
import { poll } from '#test/wait';
import { type ChildStack, startChildStack } from '../../local/child-stack.ts';

let own: ChildStack | undefined;
let root: Awaited<ReturnType<typeof createSuperAdmin>>;

beforeAll(async () => {
  own = await startChildStack();
  process.once('exit', () => own?.killNow());
  useStack(own.info);
  root = await createSuperAdmin();
}, 120_000);

afterAll(async () => {
  await own?.stop();
});

const month = (offset = 0) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
};

/** Totals over last month and this one, so a run across a month's end still adds up; and what is pending now. */
async function snapshot() {
  const response = await api('GET', `/api/platform/metrics?from=${month(-1)}&to=${month()}`, { token: root.token });
  expect(response.status).toBe(200);
  return response.body as { totals: any; current: any; months: any[] };
}

/** Whether `actual` holds every field of `expected` with the same value (as toMatchObject). */
const holds = (actual: any, expected: any): boolean =>
  typeof expected === 'object' && expected !== null
    ? Object.entries(expected).every(([key, value]) => holds(actual?.[key], value))
    : actual === expected;

/** The first snapshot whose change since `before` holds `expected` (polled: the counts follow the stream). */
async function settled(before: Awaited<ReturnType<typeof snapshot>>, expected: { totals?: any; current?: any }) {
  return poll(snapshot, (now) => holds(delta(now, before), expected), { ms: 20_000, every: 200 });
}

/** after − before, field by field (the approval median is a statistic, not a count: left out). */
const delta = (after: any, before: any): any =>
  typeof after === 'number'
    ? after - before
    : Object.fromEntries(
        Object.entries(after)
          .filter(([key, value]) => key !== 'medianTimeToApproval' && typeof value !== 'string' && !Array.isArray(value))
          .map(([key, value]) => [key, delta(value, before?.[key])]),
      );

describe('GET /api/platform/metrics', () => {
  it('counts organisations, invitations, join requests, failed sign-ins and orphan accounts exactly', async () => {
    const before = await snapshot();

    // Organisations: every way of creating one (4), and one more that is deleted below.
    const a = await registerCabinet();
    const b = await register(createInput());
    expect(b.status).toBe(201);
    await api('POST', '/api/organisations', { token: a.token, body: { name: unique('Antenne') } });
    const platform = await api('POST', '/api/platform/organisations', {
      token: root.token,
      body: { organisationName: unique('Clinique'), adminEmail: `${unique('direction')}@example.org` },
    });
    expect(platform.status).toBe(201); // also sends an invitation

    // Invitations: 4 more sent; one accepted, one declined, one revoked, one left pending.
    const invite = async () => {
      const email = `${unique('invitee')}@example.org`;
      const { body } = await api('POST', `/api/organisations/${a.organisation.id}/invitations`, {
        token: a.token,
        body: { email, role: 'VIEWER' },
      });
      return { ...body, email };
    };
    const [toAccept, toRevoke] = [await invite(), await invite(), await invite()];
    const accepted = await api('POST', '/api/auth/accept-invitation', {
      body: { token: await tokenFromMail(toAccept.email, INVITATION_SUBJECT), password: PASSWORD, nom: 'Bernard', prenom: 'Sophie' },
    });
    expect(accepted.status).toBe(201);
    const toDecline = await api('POST', `/api/organisations/${a.organisation.id}/members`, {
      token: a.token,
      body: { username: b.body.user.username, role: 'VIEWER' },
    });
    expect(toDecline.status).toBe(202);
    const declined = await api('POST', `/api/auth/invitations/${toDecline.body.invitation.id}/decline`, { token: b.body.token });
    expect(declined.status).toBe(204);
    expect(
      (await api('DELETE', `/api/organisations/${a.organisation.id}/invitations/${toRevoke.invitation.id}`, { token: a.token })).status,
    ).toBe(204);

    // Join requests: 3 created; one approved at once, one rejected, one left pending.
    await api('PATCH', `/api/organisations/${a.organisation.id}/join-code`, { token: a.token, body: { requiresApproval: true } });
    const ask = async () => (await register(joinInput(a.organisation.code))).body.user.id as string;
    const [approve, reject] = [await ask(), await ask(), await ask()];
    expect(
      (await api('POST', `/api/organisations/${a.organisation.id}/join-requests/${approve}/approve`, { token: a.token, body: {} })).status,
    ).toBe(200);
    const rejected = await api('POST', `/api/organisations/${a.organisation.id}/join-requests/${reject}/reject`, {
      token: a.token,
      body: { reason: 'Inconnu' },
    });
    expect(rejected.status).toBe(200);

    // Failed sign-ins: a wrong password, an unknown user, a wrong MFA step; a right password counts nothing.
    await api('POST', '/api/auth/login', { body: { username: a.input.username, password: 'Wrong-Password-1!' } });
    await api('POST', '/api/auth/login', { body: { username: unique('nobody'), password: 'Wrong-Password-1!' } });
    await api('POST', '/api/auth/login/mfa', { body: { username: a.input.username, session: 'x'.repeat(40), code: '123456' } });
    expect((await api('POST', '/api/auth/login', { body: { username: a.input.username, password: PASSWORD } })).status).toBe(200);

    // Orphan accounts: what the sweeper reports through recordOrphanAccountsFound.
    await recordOrphans(2);

    const totals = {
      organisationsCreated: 4,
      invitations: { sent: 5, accepted: 1, declined: 1, revoked: 1, expired: 0 },
      joinRequests: { created: 3, approved: 1, rejected: 1, pending: 1 },
      failedSignIns: 3,
      orphanAccountsFound: 2,
    };
    const after = await settled(before, { totals, current: { invitationsPending: 2, joinRequestsPending: 1 } });
    const changed = delta(after, before);

    expect(changed.totals).toEqual(totals);
    // The platform's invitation and the one left: pending now; likewise the one join request not reviewed.
    expect(changed.current).toMatchObject({ invitationsPending: 2, joinRequestsPending: 1 });
    // The approval took seconds: the median lies in the first bucket, under a minute.
    expect(after.totals.joinRequests.medianTimeToApproval).toMatchObject({ lowerSeconds: 0, upperSeconds: 60 });
  });

  it('takes what is still pending out of the counts when an organisation is deleted, without counting it twice', async () => {
    const start = await snapshot();
    const cabinet = await registerCabinet();
    await api('POST', `/api/organisations/${cabinet.organisation.id}/invitations`, {
      token: cabinet.token,
      body: { email: `${unique('invitee')}@example.org`, role: 'VIEWER' },
    });
    await api('PATCH', `/api/organisations/${cabinet.organisation.id}/join-code`, {
      token: cabinet.token,
      body: { requiresApproval: true },
    });
    expect((await register(joinInput(cabinet.organisation.code), newClientAddress())).status).toBe(202);
    // Once the organisation, its invitation and its join request are counted.
    const before = await settled(start, { current: { invitationsPending: 1, joinRequestsPending: 1 } });
    expect(delta(before, start).totals).toMatchObject({ organisationsCreated: 1, invitations: { sent: 1 }, joinRequests: { created: 1 } });

    expect((await api('DELETE', `/api/organisations/${cabinet.organisation.id}`, { token: cabinet.token })).status).toBe(202);
    // A repeated DELETE while the worker purges changes nothing.
    expect((await api('DELETE', `/api/organisations/${cabinet.organisation.id}`, { token: cabinet.token })).status).toBe(202);
    expect(await organisationGone(cabinet.organisation.id)).toBe(true);

    const changed = delta(await settled(before, { current: { invitationsPending: -1, joinRequestsPending: -1 } }), before);
    expect(changed.current).toMatchObject({ invitationsPending: -1, joinRequestsPending: -1 });
    expect(changed.totals.invitations).toEqual({ sent: 0, accepted: 0, declined: 0, revoked: 1, expired: 0 });
    expect(changed.totals.joinRequests).toMatchObject({ created: 0, pending: -1 });
    expect(await getItem(`ORG#${cabinet.organisation.id}`, 'ORGANISATION')).toBeUndefined();
  });

  it('counts a KPI record once however often the stream delivers it, alone or in a batch', async () => {
    const before = await snapshot();
    const at = new Date().toISOString();
    const record = (n: number) => ({
      organisationId: `replay-${n}`,
      id: `01KREPLAY${String(n).padStart(17, '0')}`,
      increments: [{ family: 'MONTH' as const, bucket: at.slice(0, 7), add: { invitationsDeclined: 1 } }],
      at,
    });
    const [first, second, third] = [record(Date.now()), record(Date.now() + 1), record(Date.now() + 2)];

    const counted = [
      await countRecords([first, second]),
      await countRecords([first, second]), // the same batch again
      await countRecords([second, third]), // one counted already, one new
      await countRecords([third]),
    ];

    expect(counted).toEqual([2, 0, 1, 0]);
    expect(delta(await snapshot(), before).totals.invitations.declined).toBe(3);
  });

  it('keeps the counters in several partitions, and still reads those written to the one former partition', async () => {
    // A counter as written before the spread (issue 20): in PLATFORM#METRICS, a month long past.
    await dynamo().send(
      new PutCommand({
        TableName: stack().tableName,
        Item: { pk: 'PLATFORM#METRICS', sk: 'MONTH#2020-03#2', organisationsCreated: 3, invitationsSent: 2 },
      }),
    );
    const old = await api('GET', '/api/platform/metrics?from=2020-03&to=2020-03', { token: root.token });
    expect(old.status).toBe(200);
    expect(old.body.totals).toMatchObject({ organisationsCreated: 3, invitations: { sent: 2 } });

    await registerCabinet();
    const spread = await poll(
      async () => (await Promise.all(Array.from({ length: 8 }, (_, n) => partition(`PLATFORM#METRICS#${n}`)))).map((items) => items.length),
      (counts) => counts.some((count) => count > 0),
    );
    expect(spread.filter((count) => count > 0).length).toBeGreaterThan(1);
  });

  it('answers every month of the range in order, the last 12 by default', async () => {
    const response = await api('GET', '/api/platform/metrics', { token: root.token });

    expect(response.status).toBe(200);
    expect(response.body.months).toHaveLength(12);
    expect(response.body.to).toBe(month());
    expect(response.body.from).toBe(month(-11));
    expect(response.body.months.map((m: { month: string }) => m.month)).toEqual(
      Array.from({ length: 12 }, (_, index) => month(index - 11)),
    );
    expect(response.body.current.expiriesCountedUntil).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:00:00\.000Z$/);
  });

  it('answers 400 naming the field for a malformed month, a backwards range and one over 24 months', async () => {
    const cases: [string, { path: string; message: string }][] = [
      ['from=2026-13', { path: 'from', message: 'from must be a month, YYYY-MM (e.g. 2026-01)' }],
      ['to=26-01', { path: 'to', message: 'to must be a month, YYYY-MM (e.g. 2026-12)' }],
      ['from=2026-05&to=2026-04', { path: 'from', message: 'from must not be after to' }],
      ['from=2024-01&to=2026-01', { path: 'from', message: 'from and to must span at most 24 months' }],
      ['since=2026-01', { path: 'since', message: 'Unknown field' }],
    ];
    for (const [query, error] of cases) {
      const response = await api('GET', `/api/platform/metrics?${query}`, { token: root.token });
      expect(response.status, query).toBe(400);
      expect(problemOf(response)).toBe('validation-error');
      expect(response.body.errors).toEqual([error]);
    }
  });
});

/** The functions' environment in this process, pointed at this file's stack (for the modules called in process). */
function useOwnStackHere(): void {
  if (!own) throw new Error('no stack');
  Object.assign(process.env, {
    TABLE_NAME: own.info.tableName,
    DYNAMODB_ENDPOINT: own.info.dynamoEndpoint,
    AWS_REGION: own.info.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
}

/** Calls the sweeper's entry point in this process against this file's stack (no route exposes it). */
async function recordOrphans(count: number): Promise<void> {
  useOwnStackHere();
  const { recordOrphanAccountsFound } = await import('#repositories/metrics');
  await recordOrphanAccountsFound(count);
}

/** What the stream's KPI counter does with a batch of records, called in this process against this file's stack. */
async function countRecords(records: KpiRecord[]): Promise<number> {
  useOwnStackHere();
  const { countKpiRecords } = await import('#repositories/metrics');
  return countKpiRecords(records);
}
