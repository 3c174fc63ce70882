// The account sweeper visits only what is pending (issue 20): every flow that can leave an orphan Cognito user
// writes an account check with its work (ACCOUNTCHECK#<username>, on the sparse gsi1 queue ACCOUNTCHECKS#<0-3>),
// removes it once its work is done, and leaves it when it dies; the sweeper handles the due checks, removes each
// once handled, and a run cut short by its budget leaves the rest due for the next run, which goes on from there.
import { AdminCreateUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { sweepAccounts } from '#test/account-sweeper';
import { registerAccount } from '#test/accounts';
import { api, cabinetInput, PASSWORD, stack, unique } from '#test/api';
import { cognito, cognitoUserExists, getItem } from '#test/emulators';
import { addPersonWithUsername } from '#test/members';
import { joinWithCode } from '#test/registration';
import { untilWallClock } from '#test/wait';

const checkOf = (username: string) => getItem(`ACCOUNTCHECK#${username}`, 'CHECK');
/** When a check written now is due: the test stack's ORPHAN_MIN_AGE_SECONDS, and a margin. */
const dueAfterMs = () => ((stack().orphanMinAgeSeconds ?? 15) + 1) * 1000;

describe('account checks, written with the work that can leave an orphan', () => {
  it('a registration that commits leaves none; one that dies after creating the user leaves one, due later', async () => {
    const done = cabinetInput();
    expect((await api('POST', '/api/auth/register-cabinet', { body: done })).status).toBe(201);
    expect(await checkOf(done.username)).toBeUndefined();

    const died = cabinetInput();
    const before = Date.now();
    const crashed = await api('POST', '/api/auth/register-cabinet', {
      body: died,
      headers: { 'x-cabinet-fault': 'crash:after-cognito-user' },
    });
    expect(crashed.status).toBe(500);
    const check = await checkOf(died.username);
    expect(check).toMatchObject({
      username: died.username,
      reason: 'creation',
      gsi1pk: expect.stringMatching(/^ACCOUNTCHECKS#[0-3]$/),
      gsi1sk: `${check?.dueAt}#${died.username}`,
    });
    expect(Date.parse(String(check?.dueAt))).toBeGreaterThanOrEqual(before + (stack().orphanMinAgeSeconds ?? 15) * 1000);
  });

  it("every flow that creates an account settles its check in the account's own transaction", async () => {
    const cabinet = await api('POST', '/api/auth/register-cabinet', { body: cabinetInput() });
    expect(cabinet.status).toBe(201);
    const account = await registerAccount();
    const joined = await joinWithCode(String(cabinet.body.organisation.code));
    expect(joined.response.status).toBe(201);
    const member = await addPersonWithUsername(cabinet.body, 'MEMBER', unique('agent'));

    for (const username of [account.email, String(joined.input.email), member.username]) {
      expect(await getItem(`USERNAME#${username}`, 'GUARD'), username).toBeDefined();
      expect(await checkOf(username), username).toBeUndefined();
    }
  });

  it('an account deletion that dies before deleting the Cognito user leaves a check in its last transaction; the sweeper deletes the user', async () => {
    const account = await registerAccount();
    const crashed = await api('DELETE', '/api/auth/me', {
      token: account.token,
      body: { password: PASSWORD },
      headers: { 'x-cabinet-fault': 'crash:before-cognito-delete' },
    });
    expect(crashed.status).toBe(500);
    // The DynamoDB side is gone, with the check written in the same transaction; the Cognito user is left.
    expect(await getItem(`USER#${account.user.id}`, 'PROFILE')).toBeUndefined();
    expect(await getItem(`USERNAME#${account.email}`, 'GUARD')).toBeUndefined();
    expect(await checkOf(account.email)).toMatchObject({ reason: 'deletion' });
    expect(await cognitoUserExists(account.email)).toBe(true);

    await untilWallClock(Date.now() + dueAfterMs());
    for (let run = 0; run < 10 && (await checkOf(account.email)); run++) await sweepAccounts();
    expect(await cognitoUserExists(account.email)).toBe(false);
    expect(await checkOf(account.email)).toBeUndefined();
  }, 90_000);
});

describe('the account sweeper on a small budget', () => {
  it('stops with work still due and finishes over the next runs, each check removed once handled', async () => {
    const inputs = [cabinetInput(), cabinetInput(), cabinetInput()];
    for (const input of inputs) {
      const crashed = await api('POST', '/api/auth/register-cabinet', {
        body: input,
        headers: { 'x-cabinet-fault': 'crash:after-cognito-user' },
      });
      expect(crashed.status).toBe(500);
    }
    await untilWallClock(Date.now() + dueAfterMs());

    const left = async () => (await Promise.all(inputs.map((input) => checkOf(input.username)))).filter(Boolean).length;
    // One check per run: the first run stops after one, with the rest still due. (Other files' due checks may come
    // first, and crash-recovery.test.ts runs the sweeper without a budget: how many runs it takes is not asserted
    // here; the unit tests count them over in-memory stores.)
    const first = await sweepAccounts('--max-work', '1', '--page-size', '1');
    expect(first).toMatchObject({ checks: 1, complete: false });
    for (let runs = 1; (await left()) > 0 && runs < 30; runs++) {
      expect((await sweepAccounts('--max-work', '1', '--page-size', '1')).checks).toBeLessThanOrEqual(1);
    }
    expect(await left()).toBe(0);
    for (const input of inputs) expect(await cognitoUserExists(input.username)).toBe(false);
  }, 120_000);
});

describe('a walk of the pool (after a table restore)', () => {
  it('finds a Cognito user without an account and without a check only when asked for, and deletes it', async () => {
    // As after a restore: a user the table knows nothing of (created after the restore point), with no check.
    const username = unique('restored-away');
    await cognito().send(new AdminCreateUserCommand({ UserPoolId: stack().userPoolId, Username: username, MessageAction: 'SUPPRESS' }));
    await untilWallClock(Date.now() + dueAfterMs());

    const hourly = await sweepAccounts();
    expect(hourly.cognitoCalls.ListUsers).toBe(0);
    expect(await cognitoUserExists(username)).toBe(true);

    let summary = await sweepAccounts('--reconcile', 'pool');
    for (let run = 0; run < 10 && !summary.complete; run++) summary = await sweepAccounts();
    expect(summary.complete).toBe(true);
    expect(await cognitoUserExists(username)).toBe(false);
    expect(await getItem('ACCOUNTRECONCILE#POOL', 'JOB')).toBeUndefined();
  }, 120_000);
});
