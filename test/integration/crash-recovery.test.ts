// A function that dies at any step of a flow that creates an account leaves nothing that blocks the person or
// corrupts the tenant. `x-cabinet-fault: crash:<step>` (functions/core/crash.ts) ends the invocation at that step as a
// timeout would: no compensation runs, and the gateway answers as API Gateway does (its own 500). For each flow and
// each step: the tenant holds nothing half-written; a retry while the orphan Cognito user may still be a registration
// under way answers 409; once it is older than ORPHAN_MIN_AGE_SECONDS (8 s in the test stack) the same retry succeeds.
// A crash after the commit leaves a complete account, which signs in. Then the account sweeper, run by hand: orphans
// deleted and counted from the checks their attempts left, accounts deleted from Cognito outside the API reconciled
// when a reconciliation is asked for (the last ADMIN is not suspended).
import { randomUUID } from 'node:crypto';
import { AdminDeleteUserCommand, AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { sweepAccounts } from '#test/account-sweeper';
import { type ApiResponse, api, cabinetInput, newClientAddress, PASSWORD, problemOf, registerCabinet, stack, unique } from '#test/api';
import { cognito, cognitoUserExists, getItem, partition } from '#test/emulators';
import { INVITATION_SUBJECT, tokenFromMail } from '#test/mail';
import { type Cabinet, eventually, newAccount, orgPath } from '#test/members';
import { auditTrail, createInput, joinInput, login, register } from '#test/registration';
import { untilWallClock } from '#test/wait';

/** The audit actions of an organisation, oldest first. */
const auditActions = async (organisationId: string) => (await auditTrail(organisationId)).map((entry) => entry.action);

const STEPS = ['after-cognito-user', 'after-cognito-password', 'after-transaction'] as const;
type Step = (typeof STEPS)[number];
const crash = (step: Step) => ({ 'x-cabinet-fault': `crash:${step}` });

/** How old an orphan must be to be removed: the test stack's ORPHAN_MIN_AGE_SECONDS, and a margin. */
const orphanAgeMs = () => ((stack().orphanMinAgeSeconds ?? 15) + 1) * 1000;
/** A retry sent once an orphan made now is old enough: the stack's clock moved for that request (docs/local-stack.md). */
const later = () => ({ 'x-cabinet-clock-offset': String(orphanAgeMs()) });

/** API Gateway's own answer to an invocation that died: 500, its fixed body, never problem+json. */
function expectCrashed(response: ApiResponse): void {
  expect(response.status).toBe(500);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.body).toEqual({ message: 'Internal Server Error' });
}

/** An orphan: the Cognito user exists, its username has no account (no USERNAME# guard). */
async function expectOrphan(username: string): Promise<void> {
  expect(await cognitoUserExists(username)).toBe(true);
  expect(await getItem(`USERNAME#${username}`, 'GUARD')).toBeUndefined();
}

/** A complete account: guard, profile and a working sign-in. */
async function expectAccount(username: string): Promise<void> {
  const guard = await getItem(`USERNAME#${username}`, 'GUARD');
  expect(guard?.userId).toEqual(expect.any(String));
  expect(await getItem(`USER#${guard?.userId}`, 'PROFILE')).toMatchObject({ username });
  expect((await login(username)).status).toBe(200);
}

const organisationItem = (organisationId: string) => getItem(`ORG#${organisationId}`, 'ORGANISATION');
const countersItem = (organisationId: string) => getItem(`ORG#${organisationId}`, 'COUNTERS');

describe.concurrent('a crash at each step of register-cabinet', () => {
  it.each(STEPS)('%s', async (step) => {
    const input = cabinetInput();
    expectCrashed(await api('POST', '/api/auth/register-cabinet', { body: input, headers: crash(step) }));

    if (step === 'after-transaction') {
      // Committed whole: the account, its organisation (one ACTIVE admin) and the audit entry.
      await expectAccount(input.username);
      const session = (await login(input.username)).body;
      expect(await organisationItem(session.organisation.id)).toMatchObject({ nom: input.organisationName });
      expect(await countersItem(session.organisation.id)).toMatchObject({ memberCount: 1, adminCount: 1 });
      expect(await auditActions(session.organisation.id)).toEqual(['organisation.created']);
      // A retry is told the truth: the username is taken (by this very account, which signs in).
      expect(problemOf(await api('POST', '/api/auth/register-cabinet', { body: input }))).toBe('username-taken');
      return;
    }
    await expectOrphan(input.username);
    // Too young to be told from a registration still under way: the username is taken for now.
    expect(problemOf(await api('POST', '/api/auth/register-cabinet', { body: input }))).toBe('username-taken');
    // The orphan is removed and the registration goes through; the organisation name was never taken.
    const retried = await api('POST', '/api/auth/register-cabinet', { body: input, headers: later() });
    expect(retried.status).toBe(201);
    expect(retried.body.organisation.nom).toBe(input.organisationName);
    await expectAccount(input.username);
  });
});

describe.concurrent('a crash at each step of register ("create")', () => {
  it.each(STEPS)('%s', async (step) => {
    const input = createInput();
    expectCrashed(await register(input, undefined, crash(step)));

    if (step === 'after-transaction') {
      await expectAccount(input.email);
      expect(problemOf(await register(input))).toBe('email-taken');
      return;
    }
    await expectOrphan(input.email);
    expect(problemOf(await register(input))).toBe('email-taken');
    const retried = await register(input, newClientAddress(), later());
    expect(retried.status).toBe(201);
    expect(retried.body.organisation.nom).toBe(input.organisationName);
    await expectAccount(input.email);
  });
});

describe.concurrent('a crash at each step of joining by code (register "join")', () => {
  it.each(STEPS)('%s', async (step) => {
    const admin = await registerCabinet();
    const input = joinInput(admin.organisation.code);
    expectCrashed(await register(input, undefined, crash(step)));

    const organisation = await countersItem(admin.organisation.id);
    if (step === 'after-transaction') {
      // The seat, the code's use, the membership and the audit entry committed together.
      expect(organisation).toMatchObject({ memberCount: 2, codeUses: 1 });
      await expectAccount(input.email);
      expect(await auditActions(admin.organisation.id)).toContain('member.joined-by-code');
      expect(problemOf(await register(input))).toBe('email-taken');
      return;
    }
    // Nothing of the join is in the tenant: no seat taken, no use of the code, no audit entry.
    expect(organisation).toMatchObject({ memberCount: 1, codeUses: 0 });
    expect(await auditActions(admin.organisation.id)).toEqual(['organisation.created']);
    await expectOrphan(input.email);
    expect(problemOf(await register(input))).toBe('email-taken');
    const retried = await register(input, newClientAddress(), later());
    expect(retried.status).toBe(201);
    expect(retried.body.organisation.id).toBe(admin.organisation.id);
    expect(await countersItem(admin.organisation.id)).toMatchObject({ memberCount: 2, codeUses: 1 });
  });
});

/** An invitation to a fresh address, and its token as delivered. */
async function invite(cabinet: Cabinet) {
  const email = `${unique('invited')}@example.org`;
  const response = await api('POST', orgPath(cabinet, '/invitations'), { token: cabinet.token, body: { email, role: 'MEMBER' } });
  expect(response.status).toBe(201);
  return { email, invitationId: response.body.invitation.id as string, token: await tokenFromMail(email, INVITATION_SUBJECT) };
}

describe.concurrent('a crash at each step of accepting an invitation with a new account', () => {
  it.each(STEPS)('%s', async (step) => {
    const admin = await registerCabinet();
    const { email, invitationId, token } = await invite(admin);
    const body = { token, password: PASSWORD, confirmPassword: PASSWORD, nom: 'Bernard', prenom: 'Sophie' };
    expectCrashed(await api('POST', '/api/auth/accept-invitation', { body, headers: crash(step) }));

    const invitation = () => getItem(`ORG#${admin.organisation.id}`, `INVITATION#${invitationId}`);
    if (step === 'after-transaction') {
      expect(await invitation()).toMatchObject({ status: 'ACCEPTED' });
      expect(await countersItem(admin.organisation.id)).toMatchObject({ memberCount: 2 });
      await expectAccount(email);
      expect(problemOf(await api('POST', '/api/auth/accept-invitation', { body }))).toBe('invitation-used');
      return;
    }
    // The invitation is still usable and nobody took a seat.
    expect(await invitation()).toMatchObject({ status: 'PENDING' });
    expect(await countersItem(admin.organisation.id)).toMatchObject({ memberCount: 1 });
    await expectOrphan(email);
    expect(problemOf(await api('POST', '/api/auth/accept-invitation', { body }))).toBe('username-taken');
    const retried = await api('POST', '/api/auth/accept-invitation', { body, headers: later() });
    expect(retried.status).toBe(201);
    expect(retried.body.user.organisationId).toBe(admin.organisation.id);
    expect(await invitation()).toMatchObject({ status: 'ACCEPTED' });
    await expectAccount(email);
  });
});

describe.concurrent('a crash at each step of adding a member with a new account', () => {
  it.each(STEPS)('%s', async (step) => {
    const admin = await registerCabinet();
    const body = newAccount('MEMBER');
    const add = (headers: Record<string, string> = {}) => api('POST', orgPath(admin, '/members'), { token: admin.token, body, headers });
    expectCrashed(await add(crash(step)));

    if (step === 'after-transaction') {
      expect(await countersItem(admin.organisation.id)).toMatchObject({ memberCount: 2 });
      await expectAccount(body.username);
      expect(problemOf(await add())).toBe('username-taken');
      return;
    }
    expect(await countersItem(admin.organisation.id)).toMatchObject({ memberCount: 1 });
    expect(await auditActions(admin.organisation.id)).toEqual(['organisation.created']);
    await expectOrphan(body.username);
    expect(problemOf(await add())).toBe('username-taken');
    const retried = await add(later());
    expect(retried.status).toBe(201);
    expect(retried.body.member).toMatchObject({ username: body.username, role: 'MEMBER', status: 'ACTIVE' });
    await expectAccount(body.username);
  });
});

/**
 * This month's orphan accounts in the platform KPIs: the sum of the EVENTS counter's shards, in the 8 counter
 * partitions and the one counters were written to before them (domain/metrics.ts).
 */
const orphansCounted = async () =>
  (await Promise.all(['PLATFORM#METRICS', ...Array.from({ length: 8 }, (_, n) => `PLATFORM#METRICS#${n}`)].map(partition)))
    .flat()
    .filter((item) => String(item.sk).startsWith(`EVENTS#${new Date().toISOString().slice(0, 7)}#`))
    .reduce((sum, item) => sum + Number(item.orphanAccountsFound ?? 0), 0);

const deleteFromCognito = (username: string) =>
  cognito().send(new AdminDeleteUserCommand({ UserPoolId: stack().userPoolId, Username: username }));

describe('the account sweeper (npm run sweep-accounts)', () => {
  it('deletes an orphan once it is old enough, counts it, and the username registers again', async () => {
    const input = cabinetInput();
    const before = await orphansCounted();
    expectCrashed(await api('POST', '/api/auth/register-cabinet', { body: input, headers: crash('after-cognito-user') }));
    // The attempt's check is due once the orphan is old enough: the sweeper does not look at it before.
    const check = await getItem(`ACCOUNTCHECK#${input.username}`, 'CHECK');
    expect(check).toMatchObject({ reason: 'creation', gsi1pk: expect.stringMatching(/^ACCOUNTCHECKS#[0-3]$/) });
    expect(Date.parse(String(check?.dueAt))).toBeGreaterThan(Date.now());
    await sweepAccounts();
    expect(await cognitoUserExists(input.username)).toBe(true); // too young: maybe a registration under way

    // The one wait of this file: the sweeper lists the whole (shared) user pool, so running it "later" would also
    // reap the young orphans other files' tests are still looking at; it runs when this orphan is old for real.
    await untilWallClock(Date.now() + orphanAgeMs());
    // Another file's sweep (account-sweeper.test.ts shares the stack) may handle this due check first: what is
    // asserted is that the orphan is gone and counted, not which run did it.
    const summary = await sweepAccounts();
    expect(summary.orphansDeleted).toBe(summary.orphansFound);
    expect(await cognitoUserExists(input.username)).toBe(false);
    expect(await getItem(`ACCOUNTCHECK#${input.username}`, 'CHECK')).toBeUndefined();
    // Counted from the table's stream (functions/jobs/table-stream.ts) into the counters the platform KPIs read.
    expect(await eventually(orphansCounted, (counted) => counted >= before + 1, 15_000)).toBeGreaterThanOrEqual(before + 1);
    expect((await api('POST', '/api/auth/register-cabinet', { body: input })).status).toBe(201);
  });

  it('reconciles a member whose Cognito user was deleted outside the API: suspended, audited, username released', async () => {
    const admin = await registerCabinet();
    const body = newAccount('MEMBER');
    const added = await api('POST', orgPath(admin, '/members'), { token: admin.token, body });
    expect(added.status).toBe(201);
    const userId = added.body.member.userId as string;
    await deleteFromCognito(body.username);

    // Nothing of ours marks a deletion made in Cognito's console: the hourly run does not find it ...
    await sweepAccounts();
    expect(await getItem(`ORG#${admin.organisation.id}`, `MEMBER#${userId}`)).toMatchObject({ status: 'ACTIVE' });
    // ... the reconciliation does (weekly deployed, or asked for by an operator), here of this organisation.
    const summary = await sweepAccounts('--reconcile', admin.organisation.id);
    expect(summary.deletedAccounts).toBe(1);
    expect(summary.accountsChecked).toBe(2);
    expect(await getItem(`ORG#${admin.organisation.id}`, `MEMBER#${userId}`)).toMatchObject({ status: 'SUSPENDED' });
    expect(await countersItem(admin.organisation.id)).toMatchObject({ adminCount: 1 });
    expect(await auditActions(admin.organisation.id)).toContain('member.account-deleted');
    expect(await getItem(`USERNAME#${body.username}`, 'GUARD')).toBeUndefined();
    expect(await getItem(`USER#${userId}`, 'PROFILE')).toMatchObject({ accountDeletedAt: expect.any(String) });
    // The username is free again: someone can register it.
    expect((await api('POST', '/api/auth/register-cabinet', { body: cabinetInput({ username: body.username }) })).status).toBe(201);

    // A second reconciliation finds nothing new for this account (no second audit entry).
    expect(await sweepAccounts('--reconcile', admin.organisation.id)).toMatchObject({ deletedAccounts: 0, accountsChecked: 1 });
    expect((await auditActions(admin.organisation.id)).filter((action) => action === 'member.account-deleted')).toHaveLength(1);
  });

  it("keeps the last ADMIN's membership ACTIVE (an organisation always has one) and records why", async () => {
    const cabinet = await registerCabinet({ username: `dr.last.${randomUUID().slice(0, 6)}` });
    await deleteFromCognito(cabinet.input.username);
    await expect(
      cognito().send(new AdminGetUserCommand({ UserPoolId: stack().userPoolId, Username: cabinet.input.username })),
    ).rejects.toThrow();

    await sweepAccounts('--reconcile', cabinet.organisation.id);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `MEMBER#${cabinet.user.id}`)).toMatchObject({ status: 'ACTIVE', role: 'ADMIN' });
    expect(await countersItem(cabinet.organisation.id)).toMatchObject({ adminCount: 1 });
    const [entry] = (await auditTrail(cabinet.organisation.id)).filter((item) => item.action === 'member.account-deleted');
    expect(entry).toMatchObject({ actorId: 'system:account-sweeper', details: { lastAdmin: true, suspended: false } });
  });
});
