// The sweeper job itself (functions/mail/sweeper.ts), run in this process as EventBridge runs it, against
// DynamoDB Local (a table of its own, so no other test's jobs are swept) and an SES endpoint where nothing listens:
// a real delivery failure, every attempt. After MAIL_MAX_ATTEMPTS the job is FAILED, listed for operators, its link
// token removed, and the log says so without the token.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '#local/child-stack';
import { stack } from '#test/api';

const TABLE = `mail-sweeper-${Date.now()}`;
const LINK_TOKEN = 'sweeper-test-link-token-that-must-never-be-logged';

let sweep: (event?: { time?: string }) => Promise<{ due: number; sent: number; retried: number; failed: number }>;
let readJob: (id: string) => Promise<Record<string, unknown> | undefined>;
let jobId = '';

beforeAll(async () => {
  const deadSes = `http://127.0.0.1:${await freePort()}`;
  Object.assign(process.env, {
    AWS_REGION: stack().region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    TABLE_NAME: TABLE,
    DYNAMODB_ENDPOINT: stack().dynamoEndpoint,
    SES_ENDPOINT: deadSes,
    EMAIL_FROM: 'Cabinet <no-reply@cabinet.local>',
    APP_URL: 'http://127.0.0.1:3000',
    MAIL_MAX_ATTEMPTS: '3',
    MAIL_RETRY_BASE_SECONDS: '60',
  });
  const { dynamoClient, ensureTable } = await import('#local/bootstrap');
  await ensureTable(dynamoClient(stack().dynamoEndpoint), TABLE);
  const { newMailJob } = await import('#mail/delivery');
  const { transact } = await import('#repositories/transactions');
  const { db } = await import('#adapters/dynamodb');
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const { job, item } = newMailJob({
    ownerPk: 'USER#sweeper-test',
    template: 'verify-email',
    audience: { kind: 'address', to: 'sweeper@example.org', locale: 'en' },
    params: { username: 'sweeper', validHours: '24' },
    linkToken: LINK_TOKEN,
  });
  jobId = job.id;
  await transact([item]);
  readJob = async (id) => (await db.send(new GetCommand({ TableName: TABLE, Key: { pk: 'USER#sweeper-test', sk: `MAILJOB#${id}` } }))).Item;
  ({ handler: sweep } = await import('../../functions/mail/sweeper.ts'));
});

afterAll(async () => {
  const { dynamoClient } = await import('#local/bootstrap');
  const { DeleteTableCommand } = await import('@aws-sdk/client-dynamodb');
  await dynamoClient(stack().dynamoEndpoint).send(new DeleteTableCommand({ TableName: TABLE }));
});

const at = (minutes: number) => ({ time: new Date(Date.now() + minutes * 60_000).toISOString() });

describe('the mail sweeper', () => {
  it('leaves a job alone until its first attempt is due (the committing function owns it meanwhile)', async () => {
    expect(await sweep()).toMatchObject({ due: 0 });
    expect(await readJob(jobId)).toMatchObject({ status: 'PENDING', attempts: 0 });
  });

  it('records each failure with backoff, then marks the job FAILED without its token, and logs it without the token', async () => {
    const lines: string[] = [];
    // Powertools' Logger writes its JSON lines to the process's streams (its own Console), as Lambda captures them.
    const capture = (chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    };
    const errors = vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    const infos = vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    try {
      const first = await sweep(at(5));
      const afterFirst = await readJob(jobId);
      const second = await sweep(at(60));
      const third = await sweep(at(180));

      expect(first).toMatchObject({ due: 1, retried: 1 });
      expect(afterFirst).toMatchObject({ status: 'PENDING', attempts: 1, lastError: expect.any(String) });
      // The second attempt is a minute after the failure (MAIL_RETRY_BASE_SECONDS), not before.
      expect(Date.parse(String(afterFirst?.nextAttemptAt)) - Date.now()).toBeGreaterThan(50_000);
      expect(second).toMatchObject({ due: 1, retried: 1 });
      expect(third).toMatchObject({ due: 1, failed: 1 });
    } finally {
      errors.mockRestore();
      infos.mockRestore();
    }
    const failed = await readJob(jobId);
    expect(failed).toMatchObject({
      status: 'FAILED',
      attempts: 3,
      gsi1pk: 'MAILFAILED',
      failedAt: expect.any(String),
      lastError: expect.any(String),
      ttl: expect.any(Number),
    });
    expect(failed).not.toHaveProperty('linkToken');
    expect(failed).not.toHaveProperty('params');
    expect(await sweep(at(600))).toMatchObject({ due: 0 });
    expect(lines.filter((line) => line.includes('mail delivery failed; will retry'))).toHaveLength(2);
    expect(lines.filter((line) => line.includes('mail job failed for good'))).toHaveLength(1);
    expect(lines.join('\n')).not.toContain(LINK_TOKEN);
    expect(lines.join('\n')).not.toContain('sweeper@example.org');
  });
});
