// Runs `local/start.ts --memory` as a child in its own process group on free ports, waits until it answers
// /api/health, and stops it by killing the whole group (gateway, DynamoDB Local's Java, cognito-local).
// Shared by the integration tests' global setup and the benchmark.
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** What start.ts writes to <state dir>/runtime.json once it is ready. */
export interface StackInfo {
  baseUrl: string;
  dynamoEndpoint: string;
  cognitoEndpoint: string;
  userPoolId: string;
  clientId: string;
  /** The hosted-login app client, its callback URLs, and a ready sign-in URL (code + PKCE) with its verifier. */
  webClientId: string;
  callbackUrls: string[];
  hostedLoginUrl: string;
  hostedLoginCodeVerifier: string;
  tableName: string;
  region: string;
  /** aws-ses-v2-local: its web mailbox at /, what was delivered at GET /store. */
  mailUrl: string;
  /** The Lambda Invoke endpoint cognito-local calls for the pre-token trigger (loopback, never the API port). */
  lambdaEndpoint: string;
  /** Age from which a Cognito user without an account is an orphan (ORPHAN_MIN_AGE_SECONDS). */
  orphanMinAgeSeconds?: number;
  /** The stack process's whole output (stdout and stderr), kept until the stack stops: tests grep it for secrets. */
  logFile?: string;
}

export interface ChildStack {
  info: StackInfo;
  child: ChildProcess;
  /** Kills the process group (SIGTERM, then SIGKILL) and waits until none of it is left; safe to call twice. */
  stop: () => Promise<string>;
  /** Synchronous last resort (e.g. on process 'exit'). */
  killNow: () => void;
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

const groupAlive = (pgid: number): boolean => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

const signalGroup = (pgid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is already gone
  }
};

export interface ChildStackOptions {
  /** Flags for start.ts after --memory --quiet (e.g. --fault-injection). */
  flags?: string[];
  /**
   * A state directory to keep data in (no --memory): the stack's DynamoDB Local and cognito-local data survive it,
   * and stop() leaves the directory to its owner (the restore rehearsal starts a second stack on it).
   */
  stateDir?: string;
  /** Node --import preloads for the stack process (the benchmark's call counter). */
  preloads?: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
}

export async function startChildStack(options: ChildStackOptions = {}): Promise<ChildStack> {
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'cabinet-stack-'));
  // A kept directory holds the previous stack's runtime.json: only this stack's may say it is ready.
  rmSync(join(stateDir, 'runtime.json'), { force: true });
  const [port, dynamoPort, cognitoPort, mailPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const args = ['--import', 'tsx', ...(options.preloads ?? []).flatMap((preload) => ['--import', preload])];
  const memory = options.stateDir ? [] : ['--memory'];
  const child = spawn(process.execPath, [...args, 'local/start.ts', ...memory, '--quiet', ...(options.flags ?? [])], {
    detached: true, // its own process group, killed as a whole
    // stdin stays open to this process: when it ends (even killed by SIGKILL), the stack stops (local/start.ts).
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      CABINET_DYNAMODB_PORT: String(dynamoPort),
      CABINET_COGNITO_PORT: String(cognitoPort),
      CABINET_MAIL_PORT: String(mailPort),
      CABINET_STATE_DIR: stateDir,
      CABINET_EXIT_WITH_PARENT: '1',
      LOG_LEVEL: 'silent',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...options.env,
    },
  });
  let output = '';
  const logFile = join(stateDir, `stack-${Date.now()}.log`);
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
    appendFileSync(logFile, chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let stopping: Promise<string> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const pgid = child.pid;
      if (pgid && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        signalGroup(pgid, 'SIGTERM');
        await Promise.race([exited, sleep(8000)]);
      }
      if (pgid && groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
      for (let wait = 0; pgid && groupAlive(pgid) && wait < 50; wait++) await sleep(100);
      if (!options.stateDir) rmSync(stateDir, { recursive: true, force: true });
      return pgid && groupAlive(pgid)
        ? `WARNING: processes of the local stack's group ${pgid} are still alive.`
        : `Local stack stopped: no process of its group ${pgid ?? '?'} (gateway, DynamoDB Local, cognito-local) is left.`;
    })());
  const killNow = () => child.pid && signalGroup(child.pid, 'SIGKILL');

  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The local stack exited early:\n${output}`);
    }
    try {
      const info = JSON.parse(readFileSync(join(stateDir, 'runtime.json'), 'utf8')) as StackInfo;
      if ((await fetch(`${info.baseUrl}/api/health`)).status === 200) return { info: { ...info, logFile }, child, stop, killNow };
    } catch {
      // not ready yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The local stack did not become ready:\n${output}`);
    }
    await sleep(200);
  }
}
