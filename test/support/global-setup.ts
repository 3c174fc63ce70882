// Starts the real local stack (`local/start.ts`: DynamoDB Local, cognito-local, gateway) on free ports for the
// integration tests, and kills its whole process group afterwards so no Java process outlives the run.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestProject } from 'vitest/node';

export interface StackInfo {
  baseUrl: string;
  dynamoEndpoint: string;
  cognitoEndpoint: string;
  userPoolId: string;
  clientId: string;
  tableName: string;
  region: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

let child: ChildProcess | undefined;
let stateDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  stateDir = mkdtempSync(join(tmpdir(), 'cabinet-test-'));
  const [port, dynamoPort, cognitoPort] = [await freePort(), await freePort(), await freePort()];
  let output = '';
  child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--memory', '--quiet', '--fault-injection'], {
    detached: true, // its own process group, killed as a whole in teardown
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      CABINET_DYNAMODB_PORT: String(dynamoPort),
      CABINET_COGNITO_PORT: String(cognitoPort),
      CABINET_STATE_DIR: stateDir,
      LOG_LEVEL: 'silent',
    },
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The local stack exited early:\n${output}`);
    try {
      const info = JSON.parse(readFileSync(join(stateDir, 'runtime.json'), 'utf8')) as StackInfo;
      const health = await fetch(`${info.baseUrl}/api/health`);
      if (health.status === 200) {
        project.provide('stack', info);
        return;
      }
    } catch {
      // not ready yet
    }
    if (Date.now() > deadline) throw new Error(`The local stack did not become ready:\n${output}`);
    await sleep(200);
  }
}

export async function teardown(): Promise<void> {
  if (child?.pid && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    await Promise.race([exited, sleep(8000)]);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  }
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
}
