// Starts the real local stack (local/start.ts: DynamoDB Local, cognito-local, gateway) on free ports in its own
// process group, like test/support/global-setup.ts, and kills the whole group afterwards so no Java is left.
// The stack process also preloads ./call-counter.ts, which counts its outgoing DynamoDB and Cognito calls, and
// ./orphan-guard.ts, which stops the stack if the bench itself is killed without cleaning up.
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
  stop: () => Promise<string>;
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
let stopping: Promise<string> | undefined;

const groupAlive = (pgid: number): boolean => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Kills the stack's whole process group (SIGTERM, then SIGKILL) and waits until no process of the group is
 * left (DynamoDB Local's Java included); safe to call more than once. Resolves with a one-line account.
 */
export function stopStack(): Promise<string> {
  const current = running;
  if (!current) return Promise.resolve('Local stack not running.');
  // A second caller (Ctrl-C during a failing request, say) waits for the same shutdown.
  stopping ??= stop(current).finally(() => {
    running = undefined;
    stopping = undefined;
  });
  return stopping;
}

async function stop({ child, stateDir }: { child: ChildProcess; stateDir: string }): Promise<string> {
  if (child.pid && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // the group is already gone
    }
    await Promise.race([exited, sleep(8000)]);
  }
  const pgid = child.pid;
  if (pgid && groupAlive(pgid)) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  }
  for (let wait = 0; pgid && groupAlive(pgid) && wait < 50; wait++) await sleep(100);
  rmSync(stateDir, { recursive: true, force: true });
  if (pgid && groupAlive(pgid)) return `WARNING: processes of the local stack's group ${pgid} are still alive.`;
  return `Local stack stopped: no process of its group ${pgid ?? '?'} (gateway, DynamoDB Local, cognito-local) is left.`;
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
  const preload = (name: string) => ['--import', fileURLToPath(new URL(name, import.meta.url))];
  let output = '';
  const args = ['--import', 'tsx', ...preload('./call-counter.ts'), ...preload('./orphan-guard.ts'), 'local/start.ts', '--memory', '--quiet'];
  const child = spawn(process.execPath, args, {
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
