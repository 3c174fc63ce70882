// `npm start`: DynamoDB Local + cognito-local + aws-ses-v2-local + the local gateway, with one command and no AWS
// account. The mail sweeper (functions/mail/sweeper.ts), the account sweeper (functions/jobs/account-sweeper.ts) and
// the organisation deletion worker (functions/jobs/organisation-deletion.ts) run on timers, as EventBridge runs them
// deployed.
//   --fresh          delete the saved local state first
//   --memory         keep no data on disk (tests and benchmarks); runtime.json still goes to the state dir
//   --quiet          no request log
//   --dialects=LIST  the seed dialects to serve (docs/dialects.md): names separated by commas, or none; all by default
// Environment: PORT (3000), CABINET_DYNAMODB_PORT (8000), CABINET_COGNITO_PORT (9229), CABINET_MAIL_PORT (8005),
// CABINET_MAIL_SWEEP_SECONDS (sweeper period, 30), CABINET_ACCOUNT_SWEEP_SECONDS (account sweeper period, 60; 0: off),
// CABINET_DELETION_SWEEP_SECONDS (deletion worker period, 5; 0: off), DELETION_RUN_SECONDS (a worker run's budget, 240),
// CABINET_ORPHAN_MIN_AGE_SECONDS (age from which a Cognito user without an account is an orphan, 15), CABINET_STATE_DIR,
// CABINET_TABLE_NAME (the table to serve, cabinet-local), CABINET_WEBHOOK_SCHEDULE (compressed: webhook retries seconds
// apart, the default; real: the deployed schedule), CABINET_WEBHOOK_SWEEP_SECONDS (webhook sweeper period, 1; 0: off).
// The table's stream is read and handed to its one consumer, the webhook fan-out and the KPI counter
// (local/stream-reader.ts, functions/jobs/table-stream.ts), as Lambda does deployed.
import './quiet-sdk.ts';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { type DialectName, parseDialects } from '#dialects';
import { buildConsole } from '../console/build.ts';
import { inBackground } from './background.ts';
import {
  cognitoClient,
  dynamoClient,
  ensureTable,
  ensureUserPool,
  ensureWebClient,
  functionEnvironment,
  LOCAL_REGION,
} from './bootstrap.ts';
import { type Emulator, startCognitoLocal, startDynamoDbLocal, startReaper, startSesLocal, stop, waitUntilReady } from './emulators.ts';
import { createGateway, createLambdaEndpoint, injectedFault, PRE_TOKEN_FUNCTION } from './gateway.ts';
import { type HostedLogin, hostedLogin, localCallbackUrls } from './hosted-login.ts';
import { DEMO_ADMIN, DEMO_ORGANISATION_ID, seedDemoData } from './seed.ts';
import { type StreamReader, startStreamReader } from './stream-reader.ts';

// CABINET_TABLE_NAME: another table of the same DynamoDB Local, e.g. one the restore rehearsal restored into
// (npm run restore-rehearsal, docs/restore.md), as `-c tableName=…` adopts one when deployed. Created if absent.
const TABLE_NAME = process.env.CABINET_TABLE_NAME || 'cabinet-local';
if (!/^[A-Za-z0-9_.-]{3,255}$/.test(TABLE_NAME)) {
  console.error(`CABINET_TABLE_NAME must be 3 to 255 letters, digits, underscores, hyphens or dots, not "${TABLE_NAME}"`);
  process.exit(1);
}
const POOL_NAME = 'cabinet-local';

const { values: flags } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    memory: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    'fault-injection': { type: 'boolean', default: false },
    dialects: { type: 'string' },
  },
});

let dialects: DialectName[];
try {
  dialects = parseDialects(flags.dialects);
} catch (error) {
  console.error(`--dialects: ${(error as Error).message}`);
  process.exit(1);
}

const port = Number(process.env.PORT ?? 3000);
const dynamoPort = Number(process.env.CABINET_DYNAMODB_PORT ?? 8000);
const cognitoPort = Number(process.env.CABINET_COGNITO_PORT ?? 9229);
const mailPort = Number(process.env.CABINET_MAIL_PORT ?? 8005);
const sweepSeconds = Number(process.env.CABINET_MAIL_SWEEP_SECONDS ?? 30);
const accountSweepSeconds = Number(process.env.CABINET_ACCOUNT_SWEEP_SECONDS ?? 60);
const webhookSweepSeconds = Number(process.env.CABINET_WEBHOOK_SWEEP_SECONDS ?? 1);
const webhookSchedule = process.env.CABINET_WEBHOOK_SCHEDULE === 'real' ? 'real' : 'compressed';
const deletionSweepSeconds = Number(process.env.CABINET_DELETION_SWEEP_SECONDS ?? 5);
// Deployed, the longest timeout of a function that creates accounts; a local handler is never killed, so the
// local default leaves a slow request ample time (docs/local-stack.md).
const orphanMinAgeSeconds = Number(process.env.CABINET_ORPHAN_MIN_AGE_SECONDS ?? 15);
const stateDir = process.env.CABINET_STATE_DIR
  ? resolve(process.env.CABINET_STATE_DIR)
  : flags.memory
    ? mkdtempSync(join(tmpdir(), 'cabinet-'))
    : resolve('.cabinet-local');

const emulators: Emulator[] = [];
let shuttingDown = false;
let sweeper: NodeJS.Timeout | undefined;
let accountSweeper: NodeJS.Timeout | undefined;
let webhookSweeper: NodeJS.Timeout | undefined;
let streamReader: StreamReader | undefined;
let deletionWorker: NodeJS.Timeout | undefined;

async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    clearInterval(sweeper);
    clearInterval(accountSweeper);
    clearInterval(webhookSweeper);
    await streamReader?.stop();
    clearInterval(deletionWorker);
    await Promise.all(emulators.map((emulator) => stop(emulator)));
    if (flags.memory && !process.env.CABINET_STATE_DIR) rmSync(stateDir, { recursive: true, force: true });
  }
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void shutdown(0));
// Started by another process (local/child-stack.ts: the tests, the bench), the stack lives only as long as it: the
// parent holds our stdin open, and its end — the parent exiting, even killed outright with no teardown — stops us.
if (process.env.CABINET_EXIT_WITH_PARENT === '1') {
  process.stdin.on('end', () => void shutdown(0));
  process.stdin.resume();
}
// Last resort if we exit some other way: never leave Java behind.
process.on('exit', () => {
  for (const emulator of emulators) emulator.process.kill('SIGKILL');
});

/** Listens on 127.0.0.1 only (port 0: any free one); resolves with the server's URL. */
function listenOnLoopback(server: Server, portNumber: number): Promise<string> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(portNumber, '127.0.0.1', () => {
      const address = server.address();
      resolveListen(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : portNumber}`);
    });
  });
}

function assertPortFree(portNumber: number, what: string, variable: string): Promise<void> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(new Error(`Port ${portNumber} (${what}) is already in use. Stop whatever uses it, or set ${variable} to a free port.`)),
    );
    probe.listen(portNumber, '127.0.0.1', () => probe.close(() => resolvePort()));
  });
}

async function main(): Promise<void> {
  await assertPortFree(port, 'the API', 'PORT');
  await assertPortFree(dynamoPort, 'DynamoDB Local', 'CABINET_DYNAMODB_PORT');
  await assertPortFree(cognitoPort, 'cognito-local', 'CABINET_COGNITO_PORT');
  await assertPortFree(mailPort, 'aws-ses-v2-local (e-mail)', 'CABINET_MAIL_PORT');
  if (flags.fresh && !flags.memory) rmSync(stateDir, { recursive: true, force: true });
  // --memory keeps no data: cognito-local always writes under its directory, so start it from an empty one.
  if (flags.memory) rmSync(join(stateDir, 'cognito'), { recursive: true, force: true });
  mkdirSync(stateDir, { recursive: true });

  const baseUrl = `http://127.0.0.1:${port}`;
  const dynamoEndpoint = `http://127.0.0.1:${dynamoPort}`;
  const cognitoEndpoint = `http://127.0.0.1:${cognitoPort}`;
  const mailUrl = `http://127.0.0.1:${mailPort}`;
  // The SDKs need credentials and a region even for the emulators; these never leave the machine.
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: LOCAL_REGION,
  });

  const dynamo = startDynamoDbLocal(dynamoPort, flags.memory ? undefined : join(stateDir, 'dynamodb'));
  emulators.push(dynamo);
  // The pre-token trigger's Invoke endpoint: a loopback port of its own that only cognito-local is told (its config
  // file), never the API port.
  const lambdaEndpoint = await listenOnLoopback(createLambdaEndpoint(), 0);
  const cognito = startCognitoLocal({
    port: cognitoPort,
    workDir: join(stateDir, 'cognito'),
    lambdaEndpoint,
    preTokenFunction: PRE_TOKEN_FUNCTION,
  });
  emulators.push(cognito);
  const mail = startSesLocal(mailPort);
  emulators.push(mail);

  const ddb = dynamoClient(dynamoEndpoint);
  const idp = cognitoClient(cognitoEndpoint);
  startReaper(emulators);
  await Promise.all([
    waitUntilReady(dynamo, () => ddb.send(new ListTablesCommand({}))),
    waitUntilReady(cognito, () => idp.send(new ListUserPoolsCommand({ MaxResults: 1 }))),
    waitUntilReady(mail, async () => {
      const response = await fetch(`${mailUrl}/health-check`);
      if (!response.ok) throw new Error(`health-check answered ${response.status}`);
    }),
  ]);
  await ensureTable(ddb, TABLE_NAME, { stream: true });
  const { userPoolId, clientId } = await ensureUserPool(idp, POOL_NAME);
  const callbackUrls = localCallbackUrls(port);
  const webClientId = await ensureWebClient(idp, userPoolId, callbackUrls);
  const login = hostedLogin(cognitoEndpoint, webClientId, `${baseUrl}/callback`);

  Object.assign(
    process.env,
    functionEnvironment({
      tableName: TABLE_NAME,
      dynamoEndpoint,
      cognitoEndpoint,
      userPoolId,
      clientId,
      webClientId,
      mailUrl,
      baseUrl,
      webhookSchedule,
    }),
    { ORPHAN_MIN_AGE_SECONDS: String(orphanMinAgeSeconds), DIALECTS: dialects.length > 0 ? dialects.join(',') : 'none' },
  );
  if (flags['fault-injection']) await installFaultInjection();
  await startMailSweeper();
  await startAccountSweeper();
  await startWebhooks(ddb, dynamoEndpoint);
  await startDeletionWorker();

  const built = await buildConsole();
  let ready = false;
  const gateway = createGateway({
    console: true,
    dialects,
    faultInjection: flags['fault-injection'],
    isReady: () => ready,
    ...(flags.quiet ? {} : { onRequest: (r) => console.log(`${r.method} ${r.path} → ${r.status} (${r.ms.toFixed(1)} ms)`) }),
  });
  await listenOnLoopback(gateway, port);

  const seeded = await seedDemoData(baseUrl);
  writeFileSync(
    join(stateDir, 'runtime.json'),
    JSON.stringify(
      {
        baseUrl,
        dynamoEndpoint,
        cognitoEndpoint,
        userPoolId,
        clientId,
        webClientId,
        callbackUrls,
        hostedLoginUrl: login.url,
        hostedLoginCodeVerifier: login.codeVerifier,
        tableName: TABLE_NAME,
        region: LOCAL_REGION,
        mailUrl,
        lambdaEndpoint,
        orphanMinAgeSeconds,
      },
      null,
      2,
    ),
  );
  ready = true;
  printBanner(baseUrl, mailUrl, seeded, login, webClientId);
  if (!flags.quiet) console.log(`Web console: ${baseUrl}/console/ (script ${(built.gzipBytes / 1024).toFixed(1)} KB gzipped)`);
}

/** The mail sweeper on a timer, as the EventBridge schedule runs it deployed; one run at a time. */
async function startMailSweeper(): Promise<void> {
  const { handler } = await import('../functions/mail/sweeper.ts');
  let running = false;
  sweeper = setInterval(() => {
    if (running || shuttingDown) return;
    running = true;
    handler()
      .catch((error: unknown) => console.error('[mail sweeper] run failed:', error instanceof Error ? error.message : String(error)))
      .finally(() => {
        running = false;
      });
  }, sweepSeconds * 1000);
  sweeper.unref();
}

/**
 * Webhooks as deployed: the table's stream to the fan-out (the event source mapping's part), and the sweeper of due
 * retries on a timer (its EventBridge schedule's part), one run at a time.
 */
async function startWebhooks(ddb: ReturnType<typeof dynamoClient>, dynamoEndpoint: string): Promise<void> {
  const { consumeTableStream } = await import('../functions/jobs/table-stream.ts');
  streamReader = await startStreamReader({
    dynamo: ddb,
    endpoint: dynamoEndpoint,
    region: LOCAL_REGION,
    tableName: TABLE_NAME,
    // The stream's one consumer, as deployed (one event source mapping): the webhook fan-out and the KPI counter. A
    // batch is read again until it succeeds; both parts are idempotent.
    handle: (records) => inBackground('table stream', () => consumeTableStream(records)),
    onError: (error) => console.error('[webhook stream] read failed:', error instanceof Error ? error.message : String(error)),
  });
  if (!(webhookSweepSeconds > 0)) return;
  const { handler } = await import('../functions/webhooks/sweeper.ts');
  let running = false;
  webhookSweeper = setInterval(() => {
    if (running || shuttingDown) return;
    running = true;
    inBackground('webhook sweeper', () => handler())
      .catch((error: unknown) => console.error('[webhook sweeper] run failed:', error instanceof Error ? error.message : String(error)))
      .finally(() => {
        running = false;
      });
  }, webhookSweepSeconds * 1000);
  webhookSweeper.unref();
}

/** The organisation deletion worker on a timer, as its EventBridge schedule runs it deployed; one run at a time. */
async function startDeletionWorker(): Promise<void> {
  if (!(deletionSweepSeconds > 0)) return;
  const { handler } = await import('../functions/jobs/organisation-deletion.ts');
  let running = false;
  deletionWorker = setInterval(() => {
    if (running || shuttingDown) return;
    running = true;
    handler()
      .catch((error: unknown) => console.error('[deletion worker] run failed:', error instanceof Error ? error.message : String(error)))
      .finally(() => {
        running = false;
      });
  }, deletionSweepSeconds * 1000);
  deletionWorker.unref();
}

/** The account sweeper on a timer, as its EventBridge schedule runs it deployed; one run at a time. */
async function startAccountSweeper(): Promise<void> {
  if (!(accountSweepSeconds > 0)) return;
  const { handler } = await import('../functions/jobs/account-sweeper.ts');
  let running = false;
  accountSweeper = setInterval(() => {
    if (running || shuttingDown) return;
    running = true;
    handler()
      .catch((error: unknown) => console.error('[account sweeper] run failed:', error instanceof Error ? error.message : String(error)))
      .finally(() => {
        running = false;
      });
  }, accountSweepSeconds * 1000);
  accountSweeper.unref();
}

/**
 * Tests only: a request header `x-cabinet-fault: <Command>` makes every DynamoDB or SES call whose command name starts
 * with <Command> fail in that request (InternalServerError; `SendEmail` fails the mail sent right after a commit,
 * which the sweeper, outside any request, then retries). `<Command>:conflict` makes the first such call fail the way
 * DynamoDB cancels a transaction that races another (TransactionConflict), and `<Command>:conflict:N` the first N:
 * DynamoDB Local serialises transactions and never does that for real.
 * `crash:<step>` ends the invocation at that crash point (functions/core/crash.ts) as a timeout would: no compensation
 * runs, and the gateway answers as API Gateway answers a failed invocation.
 * `x-cabinet-clock-offset: <ms>` moves the clock every rule reads (functions/core/clock.ts) by that much for the
 * request alone, so a test goes past a window, a deadline or an expiry without waiting for it.
 */
async function installFaultInjection(): Promise<void> {
  const { installClockOffset } = await import('#core/clock');
  installClockOffset(() => injectedFault.getStore()?.clockOffsetMs ?? 0);
  const { installCrashHook, InjectedCrash } = await import('#core/crash');
  installCrashHook((step) => {
    if (injectedFault.getStore()?.spec === `crash:${step}`) throw new InjectedCrash(step);
  });
  const { db } = await import('#adapters/dynamodb');
  const { TransactionCanceledException } = await import('@aws-sdk/client-dynamodb');
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const fault = injectedFault.getStore();
      const [command = '', kind, times] = fault?.spec.split(':') ?? [];
      if (!fault || !command || !context.commandName?.startsWith(command)) return next(args);
      if (kind !== 'conflict') {
        throw Object.assign(new Error(`Injected fault in ${context.commandName}`), { name: 'InternalServerError' });
      }
      if (fault.failed >= Number(times ?? 1)) return next(args);
      fault.failed++;
      const items = (args.input as { TransactItems?: unknown[] }).TransactItems ?? [];
      const reasons = items.map((_item, index) => ({ Code: index === 0 ? 'TransactionConflict' : 'None' }));
      throw new TransactionCanceledException({
        message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
        $metadata: {},
        CancellationReasons: reasons,
      });
    },
    { step: 'initialize', name: 'cabinetFaultInjection' },
  );
  const { sesClient } = await import('#adapters/ses');
  (await sesClient()).middlewareStack.add(
    (next, context) => async (args) => {
      const [command = ''] = injectedFault.getStore()?.spec.split(':') ?? [];
      if (!command || !context.commandName?.startsWith(command)) return next(args);
      throw Object.assign(new Error(`Injected fault in ${context.commandName}`), { name: 'InternalServerError' });
    },
    { step: 'initialize', name: 'cabinetFaultInjection' },
  );
}

function printBanner(baseUrl: string, mailUrl: string, seeded: boolean, login: HostedLogin, webClientId: string): void {
  console.log(`
Cabinet is running at ${baseUrl}   (API docs: ${baseUrl}/api/docs)
Mailbox (every e-mail Cabinet sends): ${mailUrl}
State: ${flags.memory ? 'in memory (discarded on exit)' : `${stateDir} (npm start -- --fresh to reset)`}
Demo organisation ${DEMO_ORGANISATION_ID}${seeded ? ' (just seeded)' : ''}: username ${DEMO_ADMIN.username}, password ${DEMO_ADMIN.password}

Register a cabinet:
  curl -s -X POST ${baseUrl}/api/auth/register-cabinet -H 'content-type: application/json' \\
    -d '{"organisationName":"Cabinet Dr Martin","username":"dr.martin","password":"Cassius2025!","nom":"Martin","prenom":"Jean"}'

Hosted login (authorization code + PKCE, app client web), also on the docs page's Authorize:
  ${login.url}
  It returns to ${login.redirectUri}?code=…; exchange the code for tokens (the API takes the id_token):
  curl -s ${login.tokenUrl} -d grant_type=authorization_code -d client_id=${webClientId} \\
    --data-urlencode redirect_uri=${login.redirectUri} -d code_verifier=${login.codeVerifier} -d code=CODE

Ctrl-C stops everything.`);
}

main().catch(async (error: unknown) => {
  // Stopped (Ctrl-C) while starting: the emulators going away is what made start-up fail, not a problem to report.
  if (shuttingDown) return;
  console.error(`\nCabinet could not start: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
