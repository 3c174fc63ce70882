// `npm run bench`: cold load of every Lambda function's bundle against a floor; then the warm latency of a function
// called in process (as Lambda calls it) next to the raw emulator calls each request needs, the same requests through
// the local gateway as information, and the functions a member's session touches. One run, plain-text tables.
//   --only cold|latency|webhooks|dialects|scale   run one section (webhooks: a change to its delivery; dialects: a
//                         dialect route vs its canonical one; both run by default too; scale: a tenant of --patients
//                         patients and --members members, and the account sweeper at --organisations organisations
//                         (30,000) vs 1; not run by default)
//   --rounds N|auto       fresh processes per bundle for the cold-load median; auto (default): as many as fit in
//                         --cold-budget seconds (120) of loading, between 5 and 15, so the whole run stays near 3 minutes
//                         however many routes the table has
//   --requests N          measured requests for create/get/list (200); login 100, register 30
//   --node lambda|current|<path>
//                         the Node that loads the bundles: lambda (default) = the Lambda runtime's major (22), this
//                         Node if it is one, else fetched once with `npx node@22`; current = the Node running the bench
//   --source-maps         bundles with a linked source map, loaded with NODE_OPTIONS=--enable-source-maps: what parsing
//                         maps at cold start would cost (the deployed zips carry no map, lib/bundling.ts)
//   --strict              exit 1 when a budget is missed (default: report only)
import { mkdirSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LOAD_BUDGET, runColdLoad } from './bench/cold-load.ts';
import { runDialects } from './bench/dialects.ts';
import { runLatency } from './bench/latency.ts';
import { resolveLoadNode } from './bench/load-node.ts';
import { runScale } from './bench/scale.ts';
import { killStackNow, startStack, stopStack } from './bench/stack.ts';
import { runWebhooks } from './bench/webhooks.ts';

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string' },
    rounds: { type: 'string', default: 'auto' },
    'cold-budget': { type: 'string', default: '120' },
    requests: { type: 'string', default: '200' },
    patients: { type: 'string', default: '100000' },
    members: { type: 'string', default: '2000' },
    organisations: { type: 'string', default: '30000' },
    strict: { type: 'boolean', default: false },
    'source-maps': { type: 'boolean', default: false },
    node: { type: 'string', default: 'lambda' },
  },
});

// The bench's own SDK clients (raw DynamoDB round trips) are created after this line.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const root = resolve(import.meta.dirname, '..');
const workDir = join(root, '.bench');
const positive = (value: string | undefined, name: string, max = 10_000): number => {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) throw new Error(`--${name} must be an integer from 1 to ${max}`);
  return parsed;
};
const rounds = flags.rounds === 'auto' ? 'auto' : positive(flags.rounds, 'rounds');
const coldBudget = positive(flags['cold-budget'], 'cold-budget');
const requests = positive(flags.requests, 'requests');
const patients = positive(flags.patients, 'patients', 2_000_000);
const members = positive(flags.members, 'members', 100_000);
const organisations = positive(flags.organisations, 'organisations', 200_000);
if (flags.only !== undefined && !['cold', 'latency', 'webhooks', 'dialects', 'scale'].includes(flags.only))
  throw new Error('--only must be cold, latency, webhooks, dialects or scale');

// Never leave the stack (and its Java) behind: Ctrl-C, kill, or any other way out.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the local stack…`);
    void stopStack()
      .then((account) => console.error(account))
      .finally(() => process.exit(130));
  });
}
process.on('exit', killStackNow);

const heading = (title: string) => `\n${title}\n${'═'.repeat(title.length)}`;
const seconds = (from: number) => `${((performance.now() - from) / 1000).toFixed(1)} s`;

async function main(): Promise<number> {
  const started = performance.now();
  mkdirSync(workDir, { recursive: true });
  console.log(
    `Cabinet bench — node ${process.version}, ${availableParallelism()} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${new Date().toISOString()}`,
  );
  const failures: string[] = [];

  if (flags.only === undefined || flags.only === 'cold') {
    const section = performance.now();
    console.log(heading(`1. Cold load — module load of each Lambda bundle vs the floor (budget: ≤ ${LOAD_BUDGET} × floor)`));
    const node = await resolveLoadNode(flags.node ?? 'lambda');
    const cold = await runColdLoad({
      root,
      workDir,
      rounds,
      budgetSeconds: coldBudget,
      sourceMaps: flags['source-maps'] ?? false,
      node,
    });
    console.log(cold.text);
    console.log(`(section: ${seconds(section)})`);
    failures.push(...cold.failures);
  }

  if (flags.only === undefined || flags.only === 'latency') {
    const section = performance.now();
    console.log(heading('2. Warm latency — functions in process vs their raw emulator calls; the local gateway as information'));
    const stack = await startStack();
    try {
      console.log(
        `Local stack ready in ${(stack.startupMs / 1000).toFixed(1)} s at ${stack.info.baseUrl} (DynamoDB Local ${stack.info.dynamoEndpoint}).`,
      );
      const latency = await runLatency(stack, { register: 40, login: 100, requests, listPatients: 50, warmup: 20 });
      console.log(latency.text);
      failures.push(...latency.failures);
    } finally {
      const account = await stopStack();
      if (!interrupted) console.log(account);
    }
    console.log(
      'Times in ms. raw = the same DynamoDB/Cognito calls made directly with the AWS SDK from this process, against the same emulators.',
    );
    console.log('Calls/request are counted in the stack process (diagnostics_channel on node:http, scripts/bench/call-counter.ts).');
    console.log(`(section, including stack start and stop: ${seconds(section)})`);
  }

  if (flags.only === undefined || flags.only === 'webhooks') {
    const section = performance.now();
    console.log(heading('3. Webhooks — what the event adds to a write, and a change to its signed delivery at a local receiver'));
    const stack = await startStack();
    try {
      const webhooks = await runWebhooks(stack, { deliveries: 30, costRounds: 100 });
      console.log(webhooks.text);
      failures.push(...webhooks.failures);
    } finally {
      const account = await stopStack();
      if (!interrupted) console.log(account);
    }
    console.log(`(section, including stack start and stop: ${seconds(section)})`);
  }

  if (flags.only === undefined || flags.only === 'dialects') {
    const section = performance.now();
    console.log(heading('4. Dialects — a dialect route next to the canonical route it translates to (issue 17)'));
    const stack = await startStack();
    try {
      const result = await runDialects(stack, { requests: Math.min(requests, 100), warmup: 10 });
      console.log(result.text);
      failures.push(...result.failures);
    } finally {
      const account = await stopStack();
      if (!interrupted) console.log(account);
    }
    console.log(`(section, including stack start and stop: ${seconds(section)})`);
  }

  if (flags.only === 'scale') {
    const section = performance.now();
    console.log(
      heading(
        `5. Scale — a tenant of ${patients.toLocaleString('en')} patients and ${members.toLocaleString('en')} members vs a small one`,
      ),
    );
    // Joins from one address to one code, 10 each: the per-client and per-code join limits are raised as BENCH_LIMITS are.
    const stack = await startStack({
      CABINET_DELETION_SWEEP_SECONDS: '1',
      JOIN_CODE_ATTEMPTS_PER_CLIENT: '1000000',
      JOIN_CODE_ATTEMPTS_PER_CODE: '1000000',
    });
    try {
      console.log((await runScale(stack, { patients, members, organisations, samples: 20 })).text);
    } finally {
      const account = await stopStack();
      if (!interrupted) console.log(account);
    }
    console.log(`(section, including stack start and stop: ${seconds(section)})`);
  }

  console.log(heading('Summary'));
  if (failures.length === 0) console.log('All budgets met.');
  else for (const failure of failures) console.log(`FAIL  ${failure}`);
  console.log(`Total: ${seconds(started)}`);
  return failures.length > 0 && flags.strict ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    // Interrupted: the signal handler is stopping the stack and exits; requests failing meanwhile are expected.
    if (interrupted) return;
    console.error(`\nBench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    console.error(await stopStack());
    process.exit(1);
  },
);
