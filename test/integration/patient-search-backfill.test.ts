// `npm run backfill:search`: patients written before the name index existed (written here straight into the table
// with the SDK, with no entries) are found by search once the backfill has run; it is resumable (a run on a budget
// stops at a checkpoint, the next goes on) and idempotent (entries present are never written again, a finished job
// does nothing).
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { patientItem } from '#domain/patient';
import { patientNamePartitions } from '#domain/patient-search';
import { api, registerCabinet, stack } from '#test/api';
import { dynamo, getItem, partition } from '#test/emulators';

const run = promisify(execFile);

interface Summary {
  status: string;
  patientsRead: number;
  patientsIndexed: number;
  total: { patientsRead: number; patientsIndexed: number };
  complete: boolean;
}

async function backfill(...args: string[]): Promise<Summary> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/backfill-search.ts', ...args], {
    env: { ...process.env, CABINET_STATE_DIR: dirname(stack().logFile ?? ''), LOG_LEVEL: 'silent' },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Summary;
}

/** A patient item as it was written before the search keys: the patient alone. */
async function legacyPatient(organisationId: string, nom: string, prenom: string) {
  const now = new Date().toISOString();
  const patient = { id: randomUUID(), nom, prenom, createdAt: now, updatedAt: now };
  await dynamo().send(new PutCommand({ TableName: stack().tableName, Item: patientItem(organisationId, patient) }));
  return patient;
}

const entriesOf = async (organisationId: string) =>
  (await Promise.all(patientNamePartitions(organisationId).map((pk) => partition(pk)))).flat();

describe('npm run backfill:search', () => {
  it('writes the missing entries, from its checkpoint, once: search then finds the old patients', async () => {
    const cabinet = await registerCabinet();
    const organisationId = cabinet.organisation.id;
    const created = await api('POST', '/api/patients', { token: cabinet.token, body: { nom: 'Durand', prenom: 'Claire' } });
    expect(created.status).toBe(201);
    // 60 old patients: more than a page of 50.
    const old = [await legacyPatient(organisationId, 'Dürr', 'Élise'), await legacyPatient(organisationId, 'Duval', 'Jean')];
    for (let index = 0; index < 58; index++) old.push(await legacyPatient(organisationId, `Ancien${index}`, 'Patient'));
    const search = (q: string) => api('GET', `/api/patients?q=${encodeURIComponent(q)}`, { token: cabinet.token });
    expect((await search('du')).body.items.map((p: { nom: string }) => p.nom)).toEqual(['Durand']);
    expect(await entriesOf(organisationId)).toHaveLength(2);

    // A run on a budget stops after its first page, checkpointed ...
    const first = await backfill('--organisation', organisationId, '--max-patients', '1');
    expect(first).toMatchObject({ status: 'RUNNING', complete: false, patientsRead: 50 });
    const job = await getItem(`BACKFILL#PATIENT_SEARCH#ORG#${organisationId}`, 'JOB');
    expect(job).toMatchObject({ status: 'RUNNING', organisation: organisationId, patientsAfter: expect.stringMatching(/^PATIENT#/) });
    // ... and the next run goes on from there, reading the 11 patients left, and finishes.
    const second = await backfill('--organisation', organisationId);
    expect(second).toMatchObject({ status: 'DONE', complete: true, patientsRead: 11, total: { patientsRead: 61, patientsIndexed: 60 } });

    expect((await search('du')).body.items.map((p: { nom: string; prenom: string }) => `${p.nom} ${p.prenom}`)).toEqual([
      'Durand Claire',
      'Dürr Élise',
      'Duval Jean',
    ]);
    expect((await search('elise')).body.items.map((p: { id: string }) => p.id)).toEqual([old[0]?.id]);
    // A family-first and a given-first entry for each, beside Durand's two.
    expect(await entriesOf(organisationId)).toHaveLength(60 * 2 + 2);

    // Finished: running it again reads nothing; started over, it reads every patient and writes nothing.
    expect(await backfill('--organisation', organisationId)).toMatchObject({ status: 'DONE', patientsRead: 0, patientsIndexed: 0 });
    expect(await backfill('--organisation', organisationId, '--restart')).toMatchObject({
      status: 'DONE',
      patientsRead: 61,
      patientsIndexed: 0,
    });
    expect(await entriesOf(organisationId)).toHaveLength(60 * 2 + 2);
  }, 120_000);
});
