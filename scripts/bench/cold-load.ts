// Cold load: bundles every Lambda function (one entry per privilege class, functions/entries/, and the Cognito
// trigger) with exactly the esbuild options CDK uses (lib/bundling.ts), then times `await import(bundle)` in fresh
// `node` processes (./load-child.mjs) against a FLOOR: a bare handler that only creates the DynamoDB DocumentClient,
// bundled the same way. Budget: module load ≤ 1.5 × floor. Two references frame the grouping (ADR 0005): one route
// alone (what a function per route loaded), member-read and member-write merged, and every route in one function.
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { entryOf, fallbackFunction, functionNames, preTokenTrigger, type Route, routeList, routes, routesOf } from '#routes';
import { bundleFileName, bundleOptions } from './bundle-options.ts';
import type { LoadNode } from './load-node.ts';
import { median, ms, ratio, table, verdict } from './stats.ts';

const run = promisify(execFile);

export const LOAD_BUDGET = 1.5;
const MIN_ROUNDS = 5;
const MAX_ROUNDS = 25;
/** Bundles loaded between two floor loads. */
const FLOOR_EVERY = 8;

interface Target {
  /** Short name (the handler module) for the summary. */
  name: string;
  label: string;
  entry: string;
  kind: 'function' | 'floor' | 'reference';
}

export interface ColdLoadOptions {
  root: string;
  workDir: string;
  /** Fresh processes per bundle; 'auto': as many rounds as fit in `budgetSeconds`, 5 to 15. */
  rounds: number | 'auto';
  budgetSeconds: number;
  /**
   * --source-maps: bundles carry a linked map and load with NODE_OPTIONS=--enable-source-maps, to show what parsing
   * maps would cost (the deployed zips carry no map at all, lib/bundling.ts).
   */
  sourceMaps: boolean;
  /** The Node that loads the bundles (load-node.ts). */
  node: LoadNode;
}

export interface ColdLoadResult {
  text: string;
  failures: string[];
}

/** What the functions' configuration parses at load; dummy values, nothing is called at load. */
const CHILD_ENV = {
  TABLE_NAME: 'cabinet-bench',
  AWS_REGION: 'eu-west-3',
  USER_POOL_ID: 'eu-west-3_bench',
  USER_POOL_CLIENT_ID: 'benchclient',
  TOKEN_AUDIENCES: 'benchclient',
  TOKEN_ISSUER: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_bench',
  HOSTED_LOGIN_URL: 'https://cabinet-bench.auth.eu-west-3.amazoncognito.com',
  WEB_CLIENT_ID: 'benchwebclient',
  EMAIL_FROM: 'Cabinet <no-reply@example.org>',
  APP_URL: 'https://app.example.org',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  LOG_LEVEL: 'silent',
};

const FLOOR_SOURCE = `// Written by scripts/bench: the cheapest possible DynamoDB handler (the cold-load floor).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: process.env.AWS_REGION }));

export const handler = async () => ({ statusCode: 200, body: typeof db.send });
`;

const zodSource = (specifier: string) => `// Written by scripts/bench: load cost of ${specifier} alone (a small schema, parsed once).
import * as z from '${specifier}';

const schema = z.object({ nom: z.string(), prenom: z.string(), email: z.optional(z.email()) });
schema.parse({ nom: 'a', prenom: 'b' });

export const handler = async (event) => schema.safeParse(event).success;
`;

/**
 * `routes` in one function, dispatched with the same matcher: what a bundle of those routes would hold. References
 * for ADR 0005's figures: every route (a monolith), and the member-read and member-write routes together.
 */
function combinedSource(root: string, routes: readonly Route[]): string {
  const declarations = routes.map(
    (route, index) => `import { ${route.name} as r${index} } from '${join(root, 'functions/routes', route.area)}.ts';`,
  );
  const pipelines = routes.map((route, index) => {
    const binder = route.auth === 'public' ? 'publicHandler' : 'httpHandler';
    return route.idempotent ? `${binder}(r${index}, { idempotency: idempotent(r${index}.replay) })` : `${binder}(r${index})`;
  });
  return [
    "// Written by scripts/bench: several functions' routes in one function, dispatched with the same matcher.",
    ...declarations,
    `import { httpHandler } from '${join(root, 'functions/http/handler.ts')}';`,
    `import { idempotent } from '${join(root, 'functions/http/idempotency.ts')}';`,
    `import { createMatcher } from '${join(root, 'functions/http/match.ts')}';`,
    `import { publicHandler } from '${join(root, 'functions/http/public-handler.ts')}';`,
    `const handlers = [${pipelines.join(', ')}];`,
    'const byRoute = new Map(handlers.map((handler) => [handler.route, handler]));',
    'const match = createMatcher(handlers.map((handler) => handler.route));',
    'export const handler = async (event, context) => {',
    '  const found = match(event.requestContext.http.method, event.rawPath);',
    "  return found.kind === 'route' ? byRoute.get(found.route)(event, context) : { statusCode: 404 };",
    '};',
    '',
  ].join('\n');
}

function targets(root: string, sourceDir: string): Target[] {
  const fn = (label: string, modulePath: string): Target => ({
    name: modulePath.replace(/^entries\//, ''),
    label,
    entry: join(root, 'functions', `${modulePath}.ts`),
    kind: 'function',
  });
  writeFileSync(join(sourceDir, 'floor.mjs'), FLOOR_SOURCE);
  writeFileSync(join(sourceDir, 'zod-classic.mjs'), zodSource('zod'));
  writeFileSync(join(sourceDir, 'zod-mini.mjs'), zodSource('zod/mini'));
  writeFileSync(join(sourceDir, 'monolith.ts'), combinedSource(root, routeList));
  writeFileSync(join(sourceDir, 'one-route.ts'), combinedSource(root, [routes.getPatient]));
  const memberRoutes = routeList.filter((route) => route.function === 'member-read' || route.function === 'member-write');
  writeFileSync(join(sourceDir, 'member.ts'), combinedSource(root, memberRoutes));
  const routesLabel = (name: (typeof functionNames)[number]) =>
    `${routesOf(name).length} routes${name === fallbackFunction ? ' + $default' : ''}`;
  return [
    { name: 'floor', label: 'FLOOR (DynamoDB DocumentClient only)', entry: join(sourceDir, 'floor.mjs'), kind: 'floor' },
    ...functionNames.map((name) => fn(`${name}  (${routesLabel(name)})`, entryOf(name))),
    fn(`${preTokenTrigger}  (Cognito trigger)`, preTokenTrigger),
    {
      name: 'one route',
      label: 'ref: one route alone (getPatient)',
      entry: join(sourceDir, 'one-route.ts'),
      kind: 'reference',
    },
    {
      name: 'member',
      label: `ref: member-read + member-write in one function (${memberRoutes.length} routes)`,
      entry: join(sourceDir, 'member.ts'),
      kind: 'reference',
    },
    {
      name: 'monolith',
      label: `ref: every route in one function (${routeList.length} routes)`,
      entry: join(sourceDir, 'monolith.ts'),
      kind: 'reference',
    },
    { name: 'zod', label: 'ref: zod (classic) alone', entry: join(sourceDir, 'zod-classic.mjs'), kind: 'reference' },
    { name: 'zod/mini', label: 'ref: zod/mini alone', entry: join(sourceDir, 'zod-mini.mjs'), kind: 'reference' },
  ];
}

interface Built extends Target {
  outfile: string;
  bytes: number;
  buildError?: string;
}

async function bundleAll(root: string, workDir: string, sourceMaps: boolean): Promise<Built[]> {
  const sourceDir = join(workDir, 'src');
  const outDir = join(workDir, 'out');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(sourceDir, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  const list = targets(root, sourceDir);
  return Promise.all(
    list.map(async (target, index) => {
      const outfile = join(outDir, `${String(index).padStart(2, '0')}-${target.name.replace(/[^a-z0-9-]+/gi, '_')}`, bundleFileName());
      try {
        await build(bundleOptions(target.entry, outfile, sourceMaps ? 'linked' : 'external'));
        return { ...target, outfile, bytes: statSync(outfile).size };
      } catch (error) {
        // esbuild already printed the details; the row says the bundle could not be built.
        const message = error instanceof Error ? (error.message.split('\n')[0] ?? 'build failed') : String(error);
        return { ...target, outfile, bytes: 0, buildError: message };
      }
    }),
  );
}

interface ChildReport {
  loadMs: number;
  cpuMs: number;
  hasHandler: boolean;
}

async function loadOnce(node: string, child: string, bundle: string, cwd: string, nodeOptions: string): Promise<ChildReport> {
  const { stdout } = await run(node, [child, bundle], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...CHILD_ENV,
      ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    },
    timeout: 30_000,
  });
  const last = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as ChildReport;
}

export async function runColdLoad(options: ColdLoadOptions): Promise<ColdLoadResult> {
  const bundleStarted = performance.now();
  const built = await bundleAll(options.root, options.workDir, options.sourceMaps);
  const nodeOptions = options.sourceMaps ? '--enable-source-maps' : '';
  const bundleSeconds = (performance.now() - bundleStarted) / 1000;
  const child = fileURLToPath(new URL('./load-child.mjs', import.meta.url));
  // A neutral working directory: nothing but the bundle (and Node's own modules) may be loaded.
  const cwd = join(options.workDir, 'cwd');
  mkdirSync(cwd, { recursive: true });
  const floor = built.find((target) => target.kind === 'floor');
  if (!floor) throw new Error('no floor bundle');

  // Every ratio divides by the floor, so each round loads it before and after every block of FLOOR_EVERY bundles:
  // each load is compared with floor loads made a second or so around it, so drift in the machine's speed
  // (other work starting or stopping) hits the floor as it hits the functions.
  const others = built.filter((target) => target !== floor);
  const blockOf = (target: Built) => Math.floor(others.indexOf(target) / FLOOR_EVERY);
  const order: Built[] = [floor];
  for (let start = 0; start < others.length; start += FLOOR_EVERY) order.push(...others.slice(start, start + FLOOR_EVERY), floor);
  interface Sample {
    round: number;
    wall: number;
    cpu: number;
  }
  const samples = new Map<Built, Sample[]>(built.map((target) => [target, []]));
  // A bundle that cannot load is reported (and not loaded again) rather than stopping the whole bench.
  const errors = new Map<Built, string>(
    built.flatMap((target) => (target.buildError ? [[target, `esbuild: ${target.buildError}`] as const] : [])),
  );
  const roundOf = async (round: number) => {
    for (const target of order) {
      if (errors.has(target)) continue;
      let report: ChildReport;
      try {
        report = await loadOnce(options.node.path, child, target.outfile, cwd, nodeOptions);
        if (!report.hasHandler) throw new Error('the bundle exports no handler function');
      } catch (error) {
        const stderr = (error as { stderr?: string }).stderr?.trim();
        const lines = (stderr || (error instanceof Error ? error.message : String(error))).split('\n');
        // The first error line, never a line of the (minified) bundle that Node quotes above it.
        const message = lines.find((line) => /^\w*Error\b|error:/.test(line.trim())) ?? lines[0] ?? 'failed';
        errors.set(target, message.trim().slice(0, 300));
        continue;
      }
      if (round >= 0) samples.get(target)?.push({ round, wall: report.loadMs, cpu: report.cpuMs });
    }
  };
  // One warm-up round first (discarded: disk cache, first-run effects). 'auto' then runs rounds while the next
  // one (at the mean pace so far) still fits in the budget: at least MIN_ROUNDS, at most MAX_ROUNDS.
  await roundOf(-1);
  const measureStarted = performance.now();
  let rounds = 0;
  for (;;) {
    if (options.rounds !== 'auto' ? rounds >= options.rounds : rounds >= MAX_ROUNDS) break;
    if (options.rounds === 'auto' && rounds >= MIN_ROUNDS) {
      const elapsed = (performance.now() - measureStarted) / 1000;
      if (elapsed + elapsed / rounds > options.budgetSeconds) break;
    }
    await roundOf(rounds);
    rounds++;
  }
  const roundSeconds = (performance.now() - measureStarted) / 1000 / rounds;

  // Ratios are paired: each load is divided by the floor loads of the same round and block (the mean of the
  // floor just before and just after it), then the median of those ratios is taken. Slow drift in the machine's
  // load (other work starting or stopping) then cancels out instead of landing on whichever bundle it hits.
  const floorSamples = samples.get(floor) ?? [];
  const floorMs = median(floorSamples.map((sample) => sample.wall));
  const floorAround = (round: number, block: number, field: 'wall' | 'cpu'): number => {
    const inRound = floorSamples.filter((sample) => sample.round === round);
    const before = inRound[block]?.[field];
    const after = inRound[block + 1]?.[field];
    return before !== undefined && after !== undefined ? (before + after) / 2 : Number.NaN;
  };
  const over: { name: string; wallRatio: number }[] = [];
  const failures: string[] = [];
  let functions = 0;
  let cpuOver = 0;
  const rows = built.map((target) => {
    const error = errors.get(target);
    if (error) {
      if (target.kind === 'function') functions++;
      failures.push(`Cold load: ${target.name} does not load: ${error}`);
      return [target.label, (target.bytes / 1024).toFixed(1), 'ERROR', '', '', 'FAIL', '', '', 'FAIL'];
    }
    const own = samples.get(target) ?? [];
    const values = own.map((sample) => sample.wall);
    const loadMs = median(values);
    const cpuMs = median(own.map((sample) => sample.cpu));
    const block = blockOf(target);
    const paired = (field: 'wall' | 'cpu') =>
      target === floor ? 1 : median(own.map((sample) => sample[field] / floorAround(sample.round, block, field)));
    const wallRatio = paired('wall');
    const cpuRatio = paired('cpu');
    let mark = target.kind === 'floor' ? 'floor' : 'ref';
    let cpuMark = mark;
    if (target.kind === 'function') {
      functions++;
      const ok = wallRatio <= LOAD_BUDGET;
      mark = verdict(ok);
      cpuMark = verdict(cpuRatio <= LOAD_BUDGET);
      if (cpuRatio > LOAD_BUDGET) cpuOver++;
      if (!ok) over.push({ name: target.name, wallRatio });
    }
    return [
      target.label,
      (target.bytes / 1024).toFixed(1),
      ms(loadMs, 1),
      ms(Math.min(...values), 1),
      ratio(wallRatio),
      mark,
      ms(cpuMs, 1),
      ratio(cpuRatio),
      cpuMark,
    ];
  });
  if (over.length > 0) {
    const list = over.sort((a, b) => b.wallRatio - a.wallRatio).map((entry) => `${entry.name} ${ratio(entry.wallRatio)}`);
    failures.push(
      `Cold load: ${over.length} of ${functions} functions load in more than ${LOAD_BUDGET}× the floor (${ms(floorMs, 1)} ms, wall p50), worst first:\n` +
        wrap(list, 100, '      '),
    );
  }
  const text = [
    table(
      ['bundle', 'KiB', 'load ms p50', 'min', '÷ floor', `≤ ${LOAD_BUDGET}×`, 'CPU ms p50', 'CPU ÷ floor', `CPU ≤ ${LOAD_BUDGET}×`],
      rows,
    ),
    '',
    `Bundles: ${relative(options.root, resolve(options.workDir, 'out'))}/ — ${built.length} built in ${bundleSeconds.toFixed(1)} s by esbuild` +
      ` ${await esbuildVersion()} with exactly lib/bundling.ts esbuildOptions(entry, outfile); KiB = the .mjs (its .map is separate).`,
    `load ms = median over ${rounds} fresh \`node\` ${options.node.version} processes per bundle (floor: ${rounds * order.filter((target) => target === floor).length}) of performance.now() around` +
      ` await import(bundle) in the child; Node ${options.node.version} is ${options.node.origin} (--node current|<path> to choose another).`,
    `${options.sourceMaps ? 'Bundles with a linked source map, NODE_OPTIONS=--enable-source-maps (what parsing maps at cold start would cost; the deployed zips carry no map)' : 'NODE_OPTIONS=(none) and no source map in the bundle, as deployed (npm run bench -- --source-maps: with a linked map and --enable-source-maps)'}; 1 discarded warm-up round first` +
      `${options.rounds === 'auto' ? `; rounds auto-sized to ~${options.budgetSeconds} s (a round of ${order.length} processes took ${roundSeconds.toFixed(1)} s)` : ''}.`,
    `÷ floor = median over rounds of (load ÷ mean of the floor loads just before and after its block of ${FLOOR_EVERY} in the same round).` +
      ` Budget verdict: that wall-time ratio ≤ ${LOAD_BUDGET}.`,
    `CPU ms = user + system CPU time of the child process during the import (all threads), ratio paired the same way;` +
      ` shown because CPU time is far less disturbed than wall time by other load on a shared machine.`,
    `${functions} functions: ${functions - over.length - errors.size} PASS / ${over.length + errors.size} FAIL on wall p50; ${cpuOver} above ${LOAD_BUDGET}× the floor on CPU time.`,
  ].join('\n');
  return { text, failures };
}

/** Joins `items` with ", ", breaking lines between items only. */
function wrap(items: readonly string[], width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const [index, item] of items.entries()) {
    const word = index < items.length - 1 ? `${item},` : item;
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.map((entry) => `${indent}${entry}`).join('\n');
}

async function esbuildVersion(): Promise<string> {
  const { version } = await import('esbuild');
  return version;
}
