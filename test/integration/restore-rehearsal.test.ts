// The restore runbook, rehearsed (docs/restore.md): a local stack that keeps its data serves a cabinet; the rehearsal
// script (npm run restore-rehearsal) exports its table and restores it into a new table on the same DynamoDB Local;
// a change made after the export is not in the restore; then the stack is started again against the restored table
// (CABINET_TABLE_NAME, as a deployment adopts one with -c tableName) and the cabinet's people sign in to their data.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildStack, startChildStack } from '#local/child-stack';
import { api, PASSWORD, registerCabinet, useStack } from '#test/api';

const RESTORED = 'cabinet-restored';
const stateDir = mkdtempSync(join(tmpdir(), 'cabinet-restore-'));
let running: ChildStack | undefined;

const start = async (env: Record<string, string> = {}) => {
  running = await startChildStack({ stateDir, env });
  useStack(running.info);
  return running;
};

beforeAll(() => start(), 120_000);

afterAll(async () => {
  await running?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

const patientNames = async (token: string) =>
  ((await api('GET', '/api/patients', { token })).body.items as { nom: string }[]).map((patient) => patient.nom).sort();

describe('the restore rehearsal (export, restore into a new table, start against it)', () => {
  it('restores every item of the export into a new table the stack then serves, and nothing written after it', {
    timeout: 120_000,
  }, async () => {
    const cabinet = await registerCabinet();
    const before = await api('POST', '/api/patients', { token: cabinet.token, body: { nom: 'Avant', prenom: 'Alice' } });
    expect(before.status).toBe(201);

    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/restore-rehearsal.ts', '--to', RESTORED], {
      env: { ...process.env, CABINET_STATE_DIR: stateDir },
    });
    const [, exported] = /Exported (\d+) items of cabinet-local/.exec(stdout) ?? [];
    expect(Number(exported)).toBeGreaterThan(10);
    expect(stdout).toContain(`Restored ${exported} items into ${RESTORED}`);
    expect(stdout).toContain(`CABINET_TABLE_NAME=${RESTORED} npm start`);

    // After the point in time: in the old table only.
    expect((await api('POST', '/api/patients', { token: cabinet.token, body: { nom: 'Apres', prenom: 'Bob' } })).status).toBe(201);
    expect(await patientNames(cabinet.token)).toEqual(['Apres', 'Avant']);

    // A restore always goes to a new table: the script refuses to write into an existing one.
    await expect(
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/restore-rehearsal.ts', '--to', RESTORED], {
        env: { ...process.env, CABINET_STATE_DIR: stateDir },
      }),
    ).rejects.toMatchObject({ stderr: expect.stringContaining(`Table ${RESTORED} already exists`) });

    await running?.stop();
    const restored = await start({ CABINET_TABLE_NAME: RESTORED });
    expect(restored.info.tableName).toBe(RESTORED);

    // The same people (cognito-local kept them), their organisation and their data as of the export.
    const login = await api('POST', '/api/auth/login', { body: { username: cabinet.input.username, password: PASSWORD } });
    expect(login.status).toBe(200);
    expect(login.body.organisation).toEqual(cabinet.organisation);
    expect(await patientNames(login.body.token)).toEqual(['Avant']);
    // The demo data came along too, rather than being seeded again.
    const demo = await api('POST', '/api/auth/login', { body: { username: 'demo.admin', password: 'DemoCabinet2025!' } });
    expect((await patientNames(demo.body.token)).length).toBe(3);
  });
});
