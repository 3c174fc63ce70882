// Starts the real local stack (local/start.ts: DynamoDB Local, cognito-local, gateway) on free ports in its own
// process group, like test/support/global-setup.ts, and kills the whole group afterwards so no Java is left.
// The stack process also preloads ./call-counter.ts, which counts its outgoing DynamoDB and Cognito calls.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export interface StackInfo {
  baseUrl: string;
  dynamoEndpoint: string;
  cognitoEndpoint: string;
  userPoolId: string;
  clientId: string;
  tableName: string;
  region: string;
}

export interface Stack {
  info: StackInfo;
  /** Where the call counter preloaded into the stack process answers (GET → counts). */
  counterUrl: string;
  startupMs: number;
  stop: () => Promise<void>;
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

let running: { child: ChildProcess; stateDir: string } | undefined;

/** Kills the stack's whole process group (SIGTERM, then SIGKILL); safe to call more than once. */
export async function stopStack(): Promise<void> {
  const current = running;
  running = undefined;
  if (!current) return;
  const { child, stateDir } = current;
  if (child.pid && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // the group is already gone
    }
    await Promise.race([exited, sleep(8000)]);
  }
  if (child.pid) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  }
  rmSync(stateDir, { recursive: true, force: true });
}

/** Synchronous last resort (process 'exit'): SIGKILL the group. */
export function killStackNow(): void {
  const pid = running?.child.pid;
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

export async function startStack(): Promise<Stack> {
  if (running) throw new Error('The stack is already running');
  const started = performance.now();
  const stateDir = mkdtempSync(join(tmpdir(), 'cabinet-bench-'));
  const [port, dynamoPort, cognitoPort, counterPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const counter = fileURLToPath(new URL('./call-counter.ts', import.meta.url));
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', counter, 'local/start.ts', '--memory', '--quiet'], {
    detached: true, // its own process group, killed as a whole
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      CABINET_DYNAMODB_PORT: String(dynamoPort),
      CABINET_COGNITO_PORT: String(cognitoPort),
      CABINET_STATE_DIR: stateDir,
      CABINET_BENCH_COUNTER_PORT: String(counterPort),
      LOG_LEVEL: 'silent',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  running = { child, stateDir };
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000)));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The local stack exited early:\n${output}`);
    try {
      const info = JSON.parse(readFileSync(join(stateDir, 'runtime.json'), 'utf8')) as StackInfo;
      const health = await fetch(`${info.baseUrl}/api/health`);
      if (health.status === 200) {
        return {
          info,
          counterUrl: `http://127.0.0.1:${counterPort}/`,
          startupMs: performance.now() - started,
          stop: stopStack,
        };
      }
    } catch {
      // not ready yet
    }
    if (Date.now() > deadline) throw new Error(`The local stack did not become ready:\n${output}`);
    await sleep(200);
  }
}
