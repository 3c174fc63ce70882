// Deleting an organisation as a job: a large organisation purges unattended after one DELETE, watched by a platform
// operator (DELETING with the items purged so far, then 404); and a worker killed mid-way (SIGKILL, no clean-up)
// leaves checkpoints from which the next scheduled run resumes and finishes.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationPk } from '#domain/keys';
import { organisationGuardKeys, organisationItem } from '#domain/organisation';
import { DELETION_LEASE_MS, deletionJobItem, deletionJobKey, deletionPartitions, newDeletionJob } from '#domain/organisation-deletion';
import { dynamoClient, ensureTable } from '#local/bootstrap';
import { api, registerCabinet, stack } from '#test/api';
import { seedPatients } from '#test/deletion';
import { partition } from '#test/emulators';
import { createSuperAdmin } from '#test/platform';
import { poll } from '#test/wait';

describe('DELETE /api/organisations/{id} on a large organisation', () => {
  it('purges it unattended; the platform sees DELETING with the items purged so far, then 404', async () => {
    const [cabinet, operator] = await Promise.all([registerCabinet(), createSuperAdmin()]);
    const seeded = await seedPatients(cabinet.organisation.id, 1500);
    const platformView = () => api('GET', `/api/platform/organisations/${cabinet.organisation.id}`, { token: operator.token });
    expect((await platformView()).body.organisation).toMatchObject({ id: cabinet.organisation.id, status: 'ACTIVE' });

    const started = await api('DELETE', `/api/organisations/${cabinet.organisation.id}`, { token: cabinet.token });
    expect(started.status).toBe(202);

    const underWay = await poll(platformView, (view) => view.status !== 200 || view.body.deletion?.itemsPurged > 0, { every: 50 });
    expect(underWay.status).toBe(200);
    expect(underWay.body.organisation.status).toBe('DELETING');
    expect(underWay.body.deletion).toEqual({ requestedAt: expect.any(String), itemsPurged: expect.any(Number) });
    const gone = await poll(platformView, (view) => view.status === 404, { ms: 120_000, every: 250 });
    expect(gone.status).toBe(404);
    expect(gone.body.type).toBe('urn:cabinet:problem:organisation-not-found');

    for (const pk of deletionPartitions(cabinet.organisation.id)) expect(await partition(pk)).toEqual([]);
    const audit = (await partition('PLATFORM')).find(
      (item) => item.action === 'organisation.deleted' && item.organisationId === cabinet.organisation.id,
    );
    // Runs of at most 2 s each (the test stack's DELETION_RUN_SECONDS), and a last one after the access cache window.
    expect(audit?.details.itemsPurged).toBeGreaterThanOrEqual(seeded);
    expect(audit?.details.runs).toBeGreaterThanOrEqual(2);
  });
});

describe('the deletion worker killed mid-way', () => {
  // A table of its own, so only the runs this test starts work on it (the stack's worker sweeps the stack's table).
  const TABLE = `deletion-job-${Date.now()}`;
  const organisationId = randomUUID();
  const memberId = randomUUID();
  let client: DynamoDBDocumentClient;
  let seeded = 0;
  let child: ChildProcess | undefined;

  const environment = () => ({
    AWS_REGION: stack().region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    TABLE_NAME: TABLE,
    DYNAMODB_ENDPOINT: stack().dynamoEndpoint,
    DELETION_RUN_SECONDS: '120',
    LOG_LEVEL: 'warn',
  });
  const read = async (key: { pk: string; sk: string }) => (await client.send(new GetCommand({ TableName: TABLE, Key: key }))).Item;
  const count = async (pk: string) =>
    (
      await client.send(
        new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }),
      )
    ).Count ?? 0;

  const org = {
    id: organisationId,
    nom: 'Cabinet Interrompu',
    nameKey: `cabinet interrompu ${organisationId}`,
    slug: `cabinet-interrompu-${organisationId.slice(0, 8)}`,
    code: String(Math.floor(Math.random() * 1e10)).padStart(10, '0'),
    status: 'DELETING' as const,
    country: 'FR',
    subscriptionTier: 'free',
    maxUsers: 10,
    memberCount: 1,
    adminCount: 1,
    joinCode: { enabled: true, uses: 0, role: 'MEMBER', requiresApproval: false },
    createdAt: new Date(Date.now() - 3_600_000).toISOString(),
    updatedAt: new Date().toISOString(),
  };

  beforeAll(async () => {
    await ensureTable(dynamoClient(stack().dynamoEndpoint), TABLE);
    client = DynamoDBDocumentClient.from(dynamoClient(stack().dynamoEndpoint));
    // What the DELETE's transaction leaves: the organisation DELETING, its guards, and its job (asked a minute ago,
    // so the access cache window is long past), plus a member whose current organisation it is.
    const requestedAt = new Date(Date.now() - 60_000).toISOString();
    const put = (Item: Record<string, unknown>) => client.send(new PutCommand({ TableName: TABLE, Item }));
    await put(organisationItem({ ...org, deletion: { requestedBy: memberId, requestedAt } }));
    for (const key of organisationGuardKeys(org)) await put({ ...key, organisationId });
    await put({
      pk: organisationPk(organisationId),
      sk: `MEMBER#${memberId}`,
      userId: memberId,
      organisationId,
      role: 'ADMIN',
      status: 'ACTIVE',
    });
    await put({ pk: `USER#${memberId}`, sk: 'PROFILE', id: memberId, currentOrganisationId: organisationId });
    await put(deletionJobItem(newDeletionJob({ organisationId, requestedBy: memberId, requestedAt, nom: org.nom })));
    seeded = (await seedPatients(organisationId, 3000, { client, table: TABLE })) + 1;
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await dynamoClient(stack().dynamoEndpoint).send(new DeleteTableCommand({ TableName: TABLE }));
  });

  it('resumes from its checkpoints on the next run once the lease expired, and finishes', async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'test/support/deletion-worker.ts'], {
      env: { ...process.env, ...environment() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    const job = () => read(deletionJobKey(organisationId));
    const midway = await poll(job, (item) => Number(item?.purged ?? 0) >= 1000, { ms: 60_000, every: 20 });
    child.kill('SIGKILL');
    expect(await exited).toBeNull();

    // Killed: nothing released, the job still held by the dead run until its lease expires, part of it done.
    const left = await job();
    expect(Number(midway?.purged)).toBeGreaterThan(0);
    expect(Number(left?.purged)).toBeLessThan(seeded);
    expect(left?.leaseToken).toEqual(expect.any(String));
    expect(left?.runs).toBe(1);
    expect(await read({ pk: organisationPk(organisationId), sk: 'ORGANISATION' })).toMatchObject({ status: 'DELETING' });
    const remaining = (await Promise.all(deletionPartitions(organisationId).map(count))).reduce((a, b) => a + b, 0);
    expect(remaining).toBeGreaterThan(1);

    // The next scheduled run, once the dead run's lease is over (the schedule's time moved past it).
    Object.assign(process.env, environment());
    const { handler } = await import('../../functions/jobs/organisation-deletion.ts');
    const early = await handler({ time: new Date().toISOString() });
    expect(early).toEqual({ taken: 0, finished: 0, purged: 0 });
    const run = await handler({ time: new Date(Date.now() + DELETION_LEASE_MS + 1000).toISOString() });

    expect(run).toMatchObject({ taken: 1, finished: 1 });
    // It deleted what was left, not everything again (a page deleted but not yet checkpointed may be read twice).
    expect(run.purged).toBeLessThan(seeded - Number(left?.purged) + 8 * 100);
    for (const pk of deletionPartitions(organisationId)) expect(await count(pk)).toBe(0);
    expect(await job()).toBeUndefined();
    for (const key of organisationGuardKeys(org)) expect(await read(key)).toBeUndefined();
    expect(await read({ pk: `USER#${memberId}`, sk: 'PROFILE' })).not.toHaveProperty('currentOrganisationId');
    const audit = (
      await client.send(
        new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'PLATFORM' } }),
      )
    ).Items?.find((item) => item.action === 'organisation.deleted');
    expect(audit).toMatchObject({ organisationId, actorId: memberId, details: { nom: org.nom, runs: 2 } });
    expect(audit?.details.itemsPurged).toBeGreaterThanOrEqual(seeded - 8 * 100);
  });
});
