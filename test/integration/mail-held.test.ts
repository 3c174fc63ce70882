// Mail with no sender configured (a deployment without a verified SES identity: no EMAIL_FROM, lib/mail.ts): the
// outbox holds it. Right after the commit nothing is sent, the sweeper never attempts it (so it can never reach FAILED)
// and counts it for the EmailsHeld alarm; once a sender is configured, the next sweep delivers it. The delivery code
// runs in this process, as in mail-sweeper.test.ts, against DynamoDB Local (a table of its own) and the stack's real
// aws-ses-v2-local, where a message sent by mistake would show.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { stack, unique } from '#test/api';
import { mailTo, waitForMail } from '#test/mail';

const TABLE = `mail-held-${Date.now()}`;
const OWNER = 'USER#mail-held-test';
const recipient = `${unique('held')}@example.org`;

type Sweep = (event?: { time?: string }) => Promise<{ due: number; sent: number; failed: number; held: number }>;
let readJob: (id: string) => Promise<Record<string, unknown> | undefined>;
let jobId = '';

const at = (minutes: number) => ({ time: new Date(Date.now() + minutes * 60_000).toISOString() });

/** Runs `run` with the process's stdout and stderr captured (Powertools writes its log and EMF lines there). */
async function captured<T>(run: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  const errors = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  const infos = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  try {
    return { result: await run(), lines };
  } finally {
    errors.mockRestore();
    infos.mockRestore();
  }
}

beforeAll(async () => {
  Object.assign(process.env, {
    AWS_REGION: stack().region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    TABLE_NAME: TABLE,
    DYNAMODB_ENDPOINT: stack().dynamoEndpoint,
    SES_ENDPOINT: stack().mailUrl,
    APP_URL: 'http://127.0.0.1:3000',
    MAIL_MAX_ATTEMPTS: '2',
  });
  delete process.env.EMAIL_FROM;
  const { dynamoClient, ensureTable } = await import('#local/bootstrap');
  await ensureTable(dynamoClient(stack().dynamoEndpoint), TABLE);
  const { db } = await import('#adapters/dynamodb');
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  readJob = async (id) => (await db.send(new GetCommand({ TableName: TABLE, Key: { pk: OWNER, sk: `MAILJOB#${id}` } }))).Item;
});

afterAll(async () => {
  const { dynamoClient } = await import('#local/bootstrap');
  const { DeleteTableCommand } = await import('@aws-sdk/client-dynamodb');
  await dynamoClient(stack().dynamoEndpoint).send(new DeleteTableCommand({ TableName: TABLE }));
});

describe('mail with no sender configured', () => {
  it('is committed, but not sent right after the commit: the job stays PENDING with no attempt', async () => {
    const { newMailJob, deliverNow, mailHeld } = await import('#mail/delivery');
    const { transact } = await import('#repositories/transactions');
    expect(mailHeld()).toBe(true);
    const { job, item } = newMailJob({
      ownerPk: OWNER,
      template: 'verify-email',
      audience: { kind: 'address', to: recipient, locale: 'en' },
      params: { username: 'held', validHours: '24' },
      linkToken: 'held-test-link-token',
    });
    jobId = job.id;
    await transact([item]);
    const { lines } = await captured(() => deliverNow([job]));
    expect(await readJob(jobId)).toMatchObject({ status: 'PENDING', attempts: 0, linkToken: 'held-test-link-token' });
    expect(lines.join('\n')).toContain('mail held: no sender is configured');
    expect(await mailTo(recipient)).toEqual([]);
  });

  it('is never attempted by the sweeper, however late, so it never fails; each run counts it for the EmailsHeld alarm', async () => {
    const { handler } = await import('../../functions/mail/sweeper.ts');
    const sweep = handler as Sweep;
    const { result: runs, lines } = await captured(async () => [
      await sweep(at(5)),
      await sweep(at(60 * 24)),
      await sweep(at(60 * 24 * 30)),
    ]);
    for (const run of runs) expect(run).toMatchObject({ held: 1, sent: 0, failed: 0 });
    expect(await readJob(jobId)).toMatchObject({ status: 'PENDING', attempts: 0 });
    // One EMF line per run: the EmailsHeld metric under the [service] dimension set the alarm reads.
    const emf = lines.filter((line) => line.includes('"EmailsHeld"'));
    expect(emf).toHaveLength(3);
    expect(JSON.parse(emf[0] ?? '{}')).toMatchObject({ EmailsHeld: 1, service: 'cabinet' });
    expect(await mailTo(recipient)).toEqual([]);
  });

  it('is delivered by the first sweep once a sender is configured', async () => {
    // A new deployment with EMAIL_FROM: a new container, whose modules read the configuration afresh.
    vi.resetModules();
    process.env.EMAIL_FROM = 'Cabinet <no-reply@cabinet.local>';
    const { handler } = await import('../../functions/mail/sweeper.ts');
    const { result } = await captured(() => (handler as Sweep)(at(5)));
    expect(result).toMatchObject({ sent: 1, held: 0 });
    const [mail] = await waitForMail(recipient);
    expect(mail?.link).toContain('token=held-test-link-token');
    expect(await readJob(jobId)).toMatchObject({ status: 'SENT', attempts: 1 });
  });
});
