// The delivery guarantee, against the running stack: no e-mail for a change that did not commit, and no committed
// change whose e-mail is lost — a failed send (injected with x-cabinet-fault: SendEmail, since the emulator never
// fails) is recorded and retried by the real sweeper, and arrives exactly once. No token, code or password of
// these flows appears anywhere in the stack's log.
import { readFileSync } from 'node:fs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { api, PASSWORD, registerCabinet, stack, unique } from '#test/api';
import { dynamo, getItem } from '#test/emulators';
import { allMail, mailTo, tokenFromMail, VERIFICATION_SUBJECT, waitForMail } from '#test/mail';
import { orgPath } from '#test/members';
import { apiFrom, createInput, joinInput, newClientAddress, register } from '#test/registration';
import { poll } from '#test/wait';

/**
 * Returns once the stack's sweeper has run after this call: a probe invitation whose send fails right after its commit
 * reaches its mailbox only through a sweep. A job due before the probe was due (anything a test left behind) was in
 * that sweep too, so "nothing more arrives" is asserted after a sweep, not after a guessed wait.
 */
async function aSweepLater(cabinet: Parameters<typeof orgPath>[0]): Promise<void> {
  const email = `${unique('probe')}@example.org`;
  const response = await api('POST', orgPath(cabinet, '/invitations'), {
    token: cabinet.token,
    body: { email, role: 'MEMBER' },
    headers: { 'x-cabinet-fault': 'SendEmail' },
  });
  expect(response.status).toBe(201);
  const [probe] = await waitForMail(email, { ms: 15_000 });
  secrets.add(probe?.token ?? '');
}

/** The mail jobs in an owner's partition (ORG#<id> or USER#<id>). */
async function mailJobs(ownerPk: string) {
  const { Items } = await dynamo().send(
    new QueryCommand({
      TableName: stack().tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :job)',
      ExpressionAttributeValues: { ':pk': ownerPk, ':job': 'MAILJOB#' },
    }),
  );
  return Items ?? [];
}

/** Every secret these tests handle, to look for in the stack's log at the end. */
const secrets = new Set<string>();

describe('a send that fails right after the commit', () => {
  it('leaves the change committed and the job pending with its failure; the sweeper delivers it exactly once', async () => {
    const cabinet = await registerCabinet();
    const email = `${unique('retry')}@example.org`;

    const response = await api('POST', orgPath(cabinet, '/invitations'), {
      token: cabinet.token,
      body: { email, role: 'MEMBER' },
      headers: { 'x-cabinet-fault': 'SendEmail' },
    });

    // Committed: the answer, the invitation and its job exist; nothing was delivered.
    expect(response.status).toBe(201);
    expect(await getItem(`ORG#${cabinet.organisation.id}`, `INVITATION#${response.body.invitation.id}`)).toMatchObject({
      status: 'PENDING',
    });
    expect(await mailTo(email)).toEqual([]);
    const [pending] = await mailJobs(`ORG#${cabinet.organisation.id}`);
    expect(pending).toMatchObject({
      template: 'invitation',
      status: 'PENDING',
      attempts: 1,
      lastError: expect.stringContaining('Injected fault'),
    });
    expect(pending?.gsi1pk).toMatch(/^MAILQ#[0-3]$/);
    expect(pending?.linkToken).toEqual(expect.any(String));

    // The sweeper (every second in the test stack; the first retry is due a second later) delivers it.
    const [delivered] = await waitForMail(email, { ms: 15_000 });
    secrets.add(delivered?.token ?? '');
    // Two more sweeps: still exactly one.
    await aSweepLater(cabinet);
    await aSweepLater(cabinet);
    expect(await mailTo(email)).toHaveLength(1);
    const [done] = await mailJobs(`ORG#${cabinet.organisation.id}`);
    expect(done).toMatchObject({ status: 'SENT', attempts: 2, sentAt: expect.any(String), ttl: expect.any(Number) });
    // Delivered: the link's token and the params are gone, and so is its place in the queue.
    expect(done).not.toHaveProperty('linkToken');
    expect(done).not.toHaveProperty('params');
    expect(done).not.toHaveProperty('gsi1pk');
    expect(JSON.stringify(done)).not.toContain(delivered?.token);
    // And the link works.
    const accepted = await api('POST', '/api/auth/accept-invitation', {
      body: { token: delivered?.token, password: PASSWORD, confirmPassword: PASSWORD, nom: 'Retry', prenom: 'Ok' },
    });
    expect(accepted.status).toBe(201);
  });

  it("retries a registration's verification link the same way", async () => {
    const input = createInput();
    secrets.add(input.password);

    const response = await api('POST', '/api/auth/register', { body: input, headers: { 'x-cabinet-fault': 'SendEmail' } });

    expect(response.status).toBe(201);
    expect(await mailTo(input.email)).toEqual([]);
    secrets.add(await tokenFromMail(input.email, VERIFICATION_SUBJECT));
    expect(await mailTo(input.email)).toHaveLength(1);
  });
});

describe('a change whose transaction fails', () => {
  it('sends nothing and leaves no job (invitation)', async () => {
    const cabinet = await registerCabinet();
    const email = `${unique('never')}@example.org`;

    const response = await api('POST', orgPath(cabinet, '/invitations'), {
      token: cabinet.token,
      body: { email, role: 'MEMBER' },
      headers: { 'x-cabinet-fault': 'TransactWrite' },
    });

    expect(response.status).toBe(500);
    expect(await mailJobs(`ORG#${cabinet.organisation.id}`)).toEqual([]);
    await aSweepLater(cabinet);
    expect(await mailTo(email)).toEqual([]);
  });

  it('sends nothing for a registration that was rolled back (no account, no verification link, no notification)', async () => {
    const admin = await registerCabinet();
    const joiner = joinInput(admin.organisation.code);

    const response = await api('POST', '/api/auth/register', { body: joiner, headers: { 'x-cabinet-fault': 'TransactWrite' } });

    expect(response.status).toBe(500);
    expect(await getItem(`USERNAME#${joiner.email}`, 'GUARD')).toBeUndefined();
    expect(await mailJobs(`ORG#${admin.organisation.id}`)).toEqual([]);
    await aSweepLater(admin);
    expect(await mailTo(joiner.email)).toEqual([]);
  });
});

describe("the stack's log", () => {
  it('carries no token, link or password of the mail flows (and does record them: mail lines are there)', async () => {
    // A few more flows whose secrets go into the set: a verification, an invitation, a join.
    const email = `${unique('log')}@example.org`;
    const cabinet = await registerCabinet({ email });
    secrets.add(cabinet.input.password);
    const verification = await tokenFromMail(email, VERIFICATION_SUBJECT);
    secrets.add(verification);
    expect((await apiFrom(newClientAddress(), 'POST', '/api/auth/verify-email', { body: { token: verification } })).status).toBe(200);
    const joined = await register(joinInput(cabinet.organisation.code));
    expect(joined.status).toBe(201);
    secrets.add(cabinet.organisation.code);
    for (const mail of await allMail()) if (mail.token) secrets.add(mail.token);

    // What the stack logged once ready (the start-up banner is before it prints the demo credentials on purpose), read
    // once the join's own lines (its admins' notification) came through the stack's output pipe.
    const requestId = joined.headers.get('apigw-requestid') ?? '';
    const whole = await poll(
      () => readFileSync(stack().logFile ?? '', 'utf8'),
      (text) => text.includes(requestId),
    );
    expect(whole).toContain(requestId);
    const banner = 'Ctrl-C stops everything.';
    expect(whole).toContain(banner);
    const log = whole.slice(whole.indexOf(banner) + banner.length);

    expect(log).toContain('"message":"mail sent"');
    expect(log).toContain('"message":"mail delivery failed; will retry"');
    const leaked = [...secrets].filter((secret) => secret.length >= 8 && log.includes(secret));
    expect(leaked).toEqual([]);
  });
});

afterAll(() => {
  secrets.clear();
});
