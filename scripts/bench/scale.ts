// `npm run bench -- --only scale`: one tenant of --patients patients (100,000 by default) and --members members (2,000)
// against a tenant of a few, on the same local stack, measured over HTTP through the local gateway: the list's first
// and a deep page, the list sorted by name, a search, a join by code (latency and DynamoDB calls), and the deletion
// of the large tenant by the worker (items/s), then the hourly account sweeper's run on a platform of 1 organisation
// (the small tenant; the large one is gone) and of 1 + --organisations (30,000), with the same pending work. Each figure is given as a ratio to the
// small case in the same run;
// docs/testing.md#scale holds the arithmetic for 1M patients, 10k members and 100k organisations beside them.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { accountCheckItem } from '#domain/account-check';
import { membershipItem, rosterItem } from '#domain/membership';
import { patientItem } from '#domain/patient';
import { nameEntryItem, patientNameEntries } from '#domain/patient-search';
import { organisationListPk } from '#domain/platform';
import { batchWriteAll } from '../batch-write.ts';
import type { Stack } from './stack.ts';
import { ms, ratio, summarise, table } from './stats.ts';

export interface ScaleOptions {
  patients: number;
  members: number;
  organisations: number;
  samples: number;
}

const FAMILY = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'Girard',
  'André',
  'Lefebvre',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Martinez',
  'Legrand',
  'Garnier',
  'Faure',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Henry',
  'Roussel',
  'Nicolas',
  'Perrin',
  'Morin',
  'Mathieu',
  'Clément',
  'Gauthier',
  'Dumont',
  'Lopez',
  'Fontaine',
  'Chevalier',
  'Robin',
];
const GIVEN = [
  'Marie',
  'Jean',
  'Pierre',
  'Michel',
  'André',
  'Philippe',
  'Nathalie',
  'Isabelle',
  'Sylvie',
  'Catherine',
  'Françoise',
  'Claire',
  'Élise',
  'Louis',
  'Hélène',
  'Paul',
  'Léa',
  'Emma',
  'Lucas',
  'Hugo',
  'Chloé',
  'Inès',
  'Jules',
  'Zoé',
  'Éloïse',
  'Noah',
  'Camille',
  'Sophie',
  'Thomas',
  'Julie',
];

type Json = Record<string, any>;

async function call(baseUrl: string, method: string, path: string, token?: string, body?: unknown) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Json, ms: performance.now() - started };
}

async function expectStatus(promise: ReturnType<typeof call>, status: number, what: string) {
  const response = await promise;
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

const registerCabinet = (baseUrl: string, name: string) =>
  expectStatus(
    call(baseUrl, 'POST', '/api/auth/register-cabinet', undefined, {
      organisationName: `${name} ${randomUUID().slice(0, 8)}`,
      username: `bench.${randomUUID().slice(0, 8)}`,
      password: 'Cassius2025!',
      nom: 'Bench',
      prenom: 'Admin',
    }),
    201,
    'register-cabinet',
  );

/** Patients (and their name entries) written straight into the table, as the API writes them; returns the items. */
async function seedPatients(client: DynamoDBDocumentClient, table: string, organisationId: string, count: number): Promise<number> {
  const now = new Date().toISOString();
  let written = 0;
  for (let start = 0; start < count; start += 5000) {
    const items = Array.from({ length: Math.min(5000, count - start) }, (_, offset) => {
      const index = start + offset;
      const patient = {
        id: randomUUID(),
        nom: FAMILY[index % FAMILY.length] ?? 'Martin',
        prenom: GIVEN[Math.floor(index / FAMILY.length) % GIVEN.length] ?? 'Marie',
        dateNaissance: '1980-01-01',
        createdAt: now,
        updatedAt: now,
      };
      return [patientItem(organisationId, patient), ...patientNameEntries(organisationId, patient).map(nameEntryItem)];
    }).flat();
    await batchWriteAll(client, table, items);
    written += items.length;
  }
  return written;
}

async function seedMembers(client: DynamoDBDocumentClient, table: string, organisationId: string, count: number): Promise<void> {
  const now = new Date().toISOString();
  const items = Array.from({ length: count }, (_, index) => {
    const membership = {
      organisationId,
      userId: `bench-${organisationId.slice(0, 8)}-${index}`,
      username: `member${index}@example.org`,
      nom: 'Membre',
      prenom: `N${index}`,
      role: 'MEMBER',
      status: 'ACTIVE' as const,
      joinedAt: now,
      updatedAt: now,
    };
    return [membershipItem(membership), rosterItem(membership)];
  }).flat();
  await batchWriteAll(client, table, items);
  await client.send(
    new UpdateCommand({
      TableName: table,
      Key: { pk: `ORG#${organisationId}`, sk: 'COUNTERS' },
      UpdateExpression: 'SET memberCount = memberCount + :n, maxUsers = :max',
      ExpressionAttributeValues: { ':n': count, ':max': count + 1000 },
    }),
  );
}

async function sample(n: number, run: () => Promise<{ ms: number; status: number }>, status = 200): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < n; index++) {
    const response = await run();
    if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}`);
    times.push(response.ms);
  }
  return summarise(times).p50;
}

const counts = async (url: string): Promise<Json> => (await fetch(url)).json() as Promise<Json>;
const delta = (after: Json, before: Json) =>
  Object.entries(after)
    .filter(([key, value]) => key.startsWith('dynamodb:') && value !== (before[key] ?? 0))
    .map(([key, value]) => `${key.slice(9)} ${value - (before[key] ?? 0)}`)
    .join(', ');

export async function runScale(stack: Stack, options: ScaleOptions): Promise<{ text: string }> {
  const { baseUrl } = stack.info;
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack.info.dynamoEndpoint,
      region: stack.info.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  const tableName = stack.info.tableName;
  const lines: string[] = [];
  const [small, large] = [await registerCabinet(baseUrl, 'Petit'), await registerCabinet(baseUrl, 'Grand')];
  const smallOrg = small.body.organisation.id as string;
  const largeOrg = large.body.organisation.id as string;

  let started = performance.now();
  await seedPatients(client, tableName, smallOrg, 100);
  const items = await seedPatients(client, tableName, largeOrg, options.patients);
  await seedMembers(client, tableName, largeOrg, options.members);
  const seedSeconds = (performance.now() - started) / 1000;
  lines.push(
    `Seeded ${options.patients.toLocaleString('en')} patients (${items.toLocaleString('en')} items with their name entries) and ` +
      `${options.members.toLocaleString('en')} members in ${seedSeconds.toFixed(1)} s (BatchWriteItem, 8 in parallel); the small tenant: 100 patients, 1 member.`,
  );

  const deepPage = async (token: string, path: string, depth: number) => {
    let cursor: string | null = null;
    for (let page = 0; page < depth; page++) {
      const response = await call(baseUrl, 'GET', `${path}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
      cursor = response.body.nextCursor;
      if (!cursor) break;
    }
    return () => call(baseUrl, 'GET', `${path}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
  };
  const cases: [string, string][] = [
    ['list, page 1 (limit 50)', '/api/patients?limit=50'],
    ['sort=name, page 1', '/api/patients?sort=name&limit=50'],
    ['search q=mar (page 1)', '/api/patients?q=mar&limit=50'],
    ['search q=dupont zo (page 1)', `/api/patients?q=${encodeURIComponent('dupont zo')}&limit=50`],
  ];
  const rows: string[][] = [];
  for (const [label, path] of cases) {
    const a = await sample(options.samples, () => call(baseUrl, 'GET', path, small.body.token));
    const b = await sample(options.samples, () => call(baseUrl, 'GET', path, large.body.token));
    rows.push([label, ms(a), ms(b), ratio(b / a)]);
  }
  for (const [label, path] of [
    ['list, page 20 (after 19 cursors)', '/api/patients?limit=50'],
    ['sort=name, page 20', '/api/patients?sort=name&limit=50'],
  ] as const) {
    const smallDeep = await deepPage(small.body.token, path, 1);
    const largeDeep = await deepPage(large.body.token, path, 19);
    const a = await sample(options.samples, smallDeep);
    const b = await sample(options.samples, largeDeep);
    rows.push([label, ms(a), ms(b), ratio(b / a)]);
  }

  // A join by code: latency and DynamoDB calls at 1 member and at options.members, each a fresh account.
  const account = async () => {
    const email = `joiner.${randomUUID().slice(0, 8)}@example.org`;
    const registered = await expectStatus(
      call(baseUrl, 'POST', '/api/auth/register', undefined, {
        registrationType: 'account',
        email,
        password: 'Cassius2025!',
        confirmPassword: 'Cassius2025!',
        fullName: 'Join Bench',
      }),
      201,
      'register account',
    );
    return registered.body.token as string;
  };
  const joinCalls: string[] = [];
  const joinTimes: number[][] = [[], []];
  for (const [index, org] of [small, large].entries()) {
    for (let n = 0; n < Math.min(options.samples, 10); n++) {
      const token = await account();
      const before = await counts(stack.counterUrl);
      const joined = await expectStatus(
        call(baseUrl, 'POST', '/api/auth/join-organisation', token, { organisationCode: org.body.organisation.code }),
        201,
        'join',
      );
      const after = await counts(stack.counterUrl);
      joinTimes[index]?.push(joined.ms);
      if (n === 0) joinCalls.push(delta(after, before));
    }
  }
  const [joinSmall, joinLarge] = joinTimes.map((times) => summarise(times).p50) as [number, number];
  rows.push([
    `join by code (1 vs ${options.members.toLocaleString('en')} members)`,
    ms(joinSmall),
    ms(joinLarge),
    ratio(joinLarge / joinSmall),
  ]);
  lines.push(
    table(['p50 over HTTP (ms)', 'small tenant', 'large tenant', 'ratio'], rows, ['left', 'right', 'right', 'right']),
    `DynamoDB calls of one join: 1 member: ${joinCalls[0]}; ${options.members.toLocaleString('en')} members: ${joinCalls[1]}.`,
  );

  // Deletion of the large tenant by the worker: items/s from the 202 to the organisation item's removal.
  started = performance.now();
  await expectStatus(call(baseUrl, 'DELETE', `/api/organisations/${largeOrg}`, large.body.token), 202, 'delete');
  const answered = performance.now() - started;
  for (;;) {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: `ORG#${largeOrg}`, sk: 'ORGANISATION' } }));
    if (!Item) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const deletionSeconds = (performance.now() - started) / 1000;
  const total = items + 2 * options.members + 8;
  lines.push(
    `Deletion: DELETE answered 202 in ${ms(answered, 1)} ms; the worker removed ~${total.toLocaleString('en')} items in ` +
      `${deletionSeconds.toFixed(1)} s: ${Math.round(total / deletionSeconds).toLocaleString('en')} items/s (runs every 1 s locally, ≤ 240 s each).`,
  );
  lines.push(await sweeperAtScale(stack, client, options.organisations));
  return { text: lines.join('\n') };
}

const run = promisify(execFile);

/** One run of the account sweeper against the stack, as `npm run sweep-accounts` does; its summary and run time. */
async function sweepOnce(stack: Stack): Promise<Json> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/sweep-accounts.ts'], {
    env: { ...process.env, CABINET_STATE_DIR: dirname(stack.info.logFile ?? ''), LOG_LEVEL: 'silent' },
    timeout: 600_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Json;
}

/** `count` due account checks, as crashed registrations leave them (usernames Cognito does not know). */
async function seedDueChecks(client: DynamoDBDocumentClient, table: string, count: number): Promise<void> {
  const dueAt = new Date(Date.now() - 60_000).toISOString();
  const checks = Array.from({ length: count }, () =>
    accountCheckItem({ username: `bench.crashed.${randomUUID().slice(0, 8)}`, dueAt, token: randomUUID(), reason: 'creation' }),
  );
  await batchWriteAll(client, table, checks);
}

/** Organisations (the item on the platform's GSI1 list, and one ACTIVE membership each) written straight in. */
async function seedOrganisations(client: DynamoDBDocumentClient, table: string, count: number): Promise<void> {
  const now = new Date().toISOString();
  for (let start = 0; start < count; start += 5000) {
    const items = Array.from({ length: Math.min(5000, count - start) }, () => {
      const id = randomUUID();
      const membership = {
        organisationId: id,
        userId: randomUUID(),
        username: `admin.${id.slice(0, 8)}@example.org`,
        nom: 'Admin',
        prenom: 'Bench',
        role: 'ADMIN',
        status: 'ACTIVE' as const,
        joinedAt: now,
        updatedAt: now,
      };
      return [
        {
          pk: `ORG#${id}`,
          sk: 'ORGANISATION',
          gsi1pk: organisationListPk(id),
          gsi1sk: `${now}#${id}`,
          type: 'Organisation',
          id,
          status: 'ACTIVE',
        },
        membershipItem(membership),
      ];
    }).flat();
    await batchWriteAll(client, table, items);
  }
}

/**
 * The hourly account sweeper on a platform of 1 organisation, then of `organisations` more: each time once with
 * nothing pending and once with 20 due checks (crashed registrations). It visits only the checks, so the number of
 * organisations (and of users: it never lists the pool) does not enter its run.
 */
async function sweeperAtScale(stack: Stack, client: DynamoDBDocumentClient, organisations: number): Promise<string> {
  const tableName = stack.info.tableName;
  // Each case 3 times, its median run (the run's own time: a fresh process each, its start-up left out).
  const median = (runs: Json[]) => ({ ...runs[0], runMs: summarise(runs.map((r) => Number(r.runMs))).p50 });
  const measure = async () => {
    const idle: Json[] = [];
    const busy: Json[] = [];
    for (let n = 0; n < 3; n++) {
      idle.push(await sweepOnce(stack));
      await seedDueChecks(client, tableName, 20);
      const once = await sweepOnce(stack);
      if (once.checks !== 20) throw new Error(`the sweeper handled ${once.checks} checks, not 20`);
      busy.push(once);
    }
    return { idle: median(idle), busy: median(busy) };
  };
  const few = await measure();
  const started = performance.now();
  await seedOrganisations(client, tableName, organisations);
  const seeded = (performance.now() - started) / 1000;
  const many = await measure();
  const row = (label: string, a: Json, b: Json) => [
    label,
    `${a.runMs} ms (${a.cognitoCalls.AdminGetUser} AdminGetUser)`,
    `${b.runMs} ms (${b.cognitoCalls.AdminGetUser} AdminGetUser)`,
    ratio(b.runMs / a.runMs),
  ];
  return [
    `Account sweeper: ${organisations.toLocaleString('en')} organisations (and their memberships) seeded in ${seeded.toFixed(1)} s.`,
    table(
      ['hourly sweeper run', '1 organisation', `${(organisations + 1).toLocaleString('en')} organisations`, 'ratio'],
      [row('nothing pending', few.idle, many.idle), row('20 due checks (paced: 20 AdminGetUser/s)', few.busy, many.busy)],
      ['left', 'right', 'right', 'right'],
    ),
  ].join('\n');
}
