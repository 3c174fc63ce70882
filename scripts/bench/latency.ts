// Latency through the local gateway over HTTP (keep-alive), next to the raw DynamoDB Local round trips the same
// request needs, measured directly with @aws-sdk/lib-dynamodb. Gateway and raw samples are interleaved, one of
// each per iteration, so drift (JIT, GC, DynamoDB Local warming up) affects both alike. DynamoDB and Cognito calls
// per request are measured by the counter preloaded into the stack process (./call-counter.ts).
import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { membershipKey } from '#domain/membership';
import { joinCodeGuardKey, organisationKey, organisationNameGuardKey, organisationSlugGuardKey } from '#domain/organisation';
import { PATIENT_SK_PREFIX, patientItem, patientKey } from '#domain/patient';
import { superAdminKey } from '#domain/platform';
import { userKey, usernameGuardKey } from '#domain/user';
import { functionEnvironment } from '#local/bootstrap';
import type { Stack, StackInfo } from './stack.ts';
import { ms, ratio, type Summary, summarise, table, verdict } from './stats.ts';

export interface LatencyOptions {
  register: number;
  login: number;
  requests: number;
  listPatients: number;
  warmup: number;
}

const PASSWORD = 'Cassius2025!';
const GET_BUDGET = 1.5;

// ── HTTP client: one keep-alive socket, like a browser tab talking to the API ─────────────────────────────
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

interface Reply<T> {
  status: number;
  body: T;
}

function call<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<Reply<T>> {
  const url = new URL(path, baseUrl);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = {};
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ agent, host: url.hostname, port: url.port, method, path: `${url.pathname}${url.search}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode ?? 0, body: body as T });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function expectStatus<T>(reply: Reply<T>, status: number, what: string): T {
  if (reply.status !== status) throw new Error(`${what}: expected HTTP ${status}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

// ── Call counts from the stack process ──────────────────────────────────────────────────────────────────
type Counts = Record<string, number>;

async function readCounts(counterUrl: string): Promise<Counts> {
  const response = await fetch(counterUrl);
  return (await response.json()) as Counts;
}

/** "GetItem 1.00 · BatchGetItem 0.01" per request, for one service, from two snapshots. */
function perRequest(before: Counts, after: Counts, requests: number, service: 'dynamodb' | 'cognito'): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(after)) {
    const [keyService, operation] = key.split(':');
    if (keyService !== service || !operation) continue;
    const delta = value - (before[key] ?? 0);
    if (delta > 0) parts.push(`${operation} ${(delta / requests).toFixed(2)}`);
  }
  return parts.length ? parts.join(' + ') : '0';
}

// ── Measurement loop ───────────────────────────────────────────────────────────────────────────────────
const DISPLAY_ORDER = ['register', 'login', 'create', 'get', 'list'] as const;

interface Row {
  key: (typeof DISPLAY_ORDER)[number];
  operation: string;
  gateway: Summary;
  rawLabel: string;
  raw: Summary;
  dynamoCalls: string;
  cognitoCalls: string;
}

/**
 * Warms up, then runs `iterations` rounds of [gateway request, each raw sequence] sequentially; returns the
 * gateway samples, one sample set per raw sequence, and the stack's call counts for the measured gateway
 * requests only (raw calls come from this process and are not counted).
 */
async function measurePair(
  counterUrl: string,
  iterations: number,
  warmup: number,
  gateway: (index: number) => Promise<unknown>,
  ...raws: ((index: number) => Promise<unknown>)[]
): Promise<{ gateway: number[]; raws: number[][]; calls: { dynamo: string; cognito: string } }> {
  for (let index = 0; index < warmup; index++) {
    await gateway(-1 - index);
    for (const raw of raws) await raw(-1 - index);
  }
  const gatewaySamples: number[] = [];
  const rawSamples: number[][] = raws.map(() => []);
  const before = await readCounts(counterUrl);
  for (let index = 0; index < iterations; index++) {
    let started = performance.now();
    await gateway(index);
    gatewaySamples.push(performance.now() - started);
    for (const [which, raw] of raws.entries()) {
      started = performance.now();
      await raw(index);
      rawSamples[which]?.push(performance.now() - started);
    }
  }
  const after = await readCounts(counterUrl);
  return {
    gateway: gatewaySamples,
    raws: rawSamples,
    calls: { dynamo: perRequest(before, after, iterations, 'dynamodb'), cognito: perRequest(before, after, iterations, 'cognito') },
  };
}

type Measured = Awaited<ReturnType<typeof measurePair>>;

interface Session {
  token: string;
  user: { id: string; organisationId: string };
  organisation: { id: string };
}
interface PatientReply {
  id: string;
}

export interface LatencyResult {
  text: string;
  failures: string[];
}

export async function runLatency(stack: Stack, options: LatencyOptions): Promise<LatencyResult> {
  const { baseUrl, dynamoEndpoint, region, tableName: TableName } = stack.info;
  const ddb = new DynamoDBClient({ endpoint: dynamoEndpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const doc = DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } });
  const run = randomUUID().slice(0, 8);
  const rows: Row[] = [];
  const failures: string[] = [];
  const notes: string[] = [];

  try {
    // The cabinet every member request runs in.
    const username = `bench.${run}`;
    const session = expectStatus(
      await call<Session>(baseUrl, 'POST', '/api/auth/register-cabinet', {
        body: { organisationName: `Bench ${run}`, username, password: PASSWORD, nom: 'Bench', prenom: 'Admin' },
      }),
      201,
      'register-cabinet',
    );
    const { token } = session;
    const orgId = session.organisation.id;
    const userId = session.user.id;
    const patientBody = (index: number) => ({
      nom: 'Bench',
      prenom: `Patient ${index}`,
      dateNaissance: '1980-01-01',
      email: `patient.${index}@example.org`,
      telephone: '+33 6 12 34 56 78',
    });
    const rawPatient = () => {
      const now = new Date().toISOString();
      return patientItem(orgId, { id: randomUUID(), ...patientBody(0), createdAt: now, updatedAt: now });
    };

    // ~listPatients patients through the API (also warms the create path); list before any raw write.
    const patientIds: string[] = [];
    for (let index = 0; index < options.listPatients; index++) {
      const created = expectStatus(
        await call<PatientReply>(baseUrl, 'POST', '/api/patients', { token, body: patientBody(index) }),
        201,
        'create patient (seed)',
      );
      patientIds.push(created.id);
    }

    // List patients: limit 20 over ~listPatients patients.
    {
      const result = await measurePair(
        stack.counterUrl,
        options.requests,
        options.warmup,
        async () => {
          const page = expectStatus(
            await call<{ items: unknown[] }>(baseUrl, 'GET', '/api/patients?limit=20', { token }),
            200,
            'list patients',
          );
          if (page.items.length !== 20) throw new Error(`list patients returned ${page.items.length} items, expected 20`);
        },
        () =>
          doc.send(
            new QueryCommand({
              TableName,
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
              ExpressionAttributeValues: { ':pk': `ORG#${orgId}`, ':prefix': PATIENT_SK_PREFIX },
              Limit: 20,
            }),
          ),
      );
      rows.push(row('list', `list patients (limit 20 of ${options.listPatients})`, result, 'Query Limit 20'));
    }

    // Get patient: steady state (membership cached) the request needs one GetItem; uncached, BatchGet + GetItem.
    {
      const id = (index: number) => patientIds[Math.abs(index) % patientIds.length] ?? '';
      const result = await measurePair(
        stack.counterUrl,
        options.requests,
        options.warmup,
        async (index) => expectStatus(await call(baseUrl, 'GET', `/api/patients/${id(index)}`, { token }), 200, 'get patient'),
        (index) => doc.send(new GetCommand({ TableName, Key: patientKey(orgId, id(index)) })),
        async (index) => {
          await doc.send(
            new BatchGetCommand({
              RequestItems: { [TableName]: { Keys: [membershipKey(orgId, userId), organisationKey(orgId)], ConsistentRead: true } },
            }),
          );
          await doc.send(new GetCommand({ TableName, Key: patientKey(orgId, id(index)) }));
        },
      );
      const getRow = row('get', 'get patient', result, 'GetItem');
      rows.push(getRow);
      const uncachedSummary = summarise(result.raws[1] ?? []);
      const cachedRatio = getRow.gateway.p50 / getRow.raw.p50;
      const ok = cachedRatio <= GET_BUDGET;
      if (!ok) {
        failures.push(
          `GET patient p50 ${ms(getRow.gateway.p50)} ms is ${ratio(cachedRatio)} the raw GetItem p50 ${ms(getRow.raw.p50)} ms (budget ≤ ${GET_BUDGET}×)`,
        );
      }
      // Where the gateway's overhead goes: the same handler module called in this process (no HTTP, no gateway),
      // and a bare GET /api/health round trip through the gateway (the HTTP hop alone).
      const handler = await inProcessHandler(stack.info, 'patients/get-patient');
      const inProcess = await measurePair(
        stack.counterUrl,
        options.requests,
        options.warmup,
        async (index) => {
          const reply = await handler(patientEvent(id(index), token), {
            awsRequestId: randomUUID(),
            getRemainingTimeInMillis: () => 10_000,
          });
          if (reply.statusCode !== 200) throw new Error(`in-process get patient answered ${reply.statusCode}`);
        },
        (index) => doc.send(new GetCommand({ TableName, Key: patientKey(orgId, id(index)) })),
      );
      const direct = summarise(inProcess.gateway);
      const directRaw = summarise(inProcess.raws[0] ?? []);
      const hop = summarise(
        (await measurePair(stack.counterUrl, options.requests, options.warmup, () => call(baseUrl, 'GET', '/api/health'))).gateway,
      );
      notes.push(
        `Budget  GET patient p50 ≤ ${GET_BUDGET} × raw round trips it needs (steady state, membership cached: 1 GetItem)`,
        `        gateway p50 ${ms(getRow.gateway.p50)} ms / raw GetItem p50 ${ms(getRow.raw.p50)} ms = ${ratio(cachedRatio)}  → ${verdict(ok)}`,
        `Info    uncached (membership not in the 5 s cache): raw BatchGetItem(2, consistent) + GetItem p50 ${ms(uncachedSummary.p50)} ms,` +
          ` p99 ${ms(uncachedSummary.p99)} ms; gateway p50 / that = ${ratio(getRow.gateway.p50 / uncachedSummary.p50)}`,
        `Info    the same handler called in this process (no HTTP hop): p50 ${ms(direct.p50)} ms vs raw GetItem p50 ${ms(directRaw.p50)} ms` +
          ` = ${ratio(direct.p50 / directRaw.p50)}; a bare GET /api/health round trip through the gateway: p50 ${ms(hop.p50)} ms`,
      );
    }

    // Create patient: one conditional PutItem.
    {
      let created = 0;
      const result = await measurePair(
        stack.counterUrl,
        options.requests,
        options.warmup,
        async (index) => {
          expectStatus(await call(baseUrl, 'POST', '/api/patients', { token, body: patientBody(1000 + index) }), 201, 'create patient');
          created++;
        },
        () => doc.send(new PutCommand({ TableName, Item: rawPatient(), ConditionExpression: 'attribute_not_exists(pk)' })),
      );
      rows.push(row('create', 'create patient', result, 'PutItem (conditional)'));
      if (created === 0) throw new Error('no patient was created');
    }

    // Login: Cognito InitiateAuth, whose pre-token trigger reads the profile and the super-admin marker in
    // parallel, then the current membership; then the login use case's BatchGet of user + organisation.
    {
      const result = await measurePair(
        stack.counterUrl,
        options.login,
        Math.min(options.warmup, 5),
        async () => expectStatus(await call(baseUrl, 'POST', '/api/auth/login', { body: { username, password: PASSWORD } }), 200, 'login'),
        async () => {
          const consistentGet = (Key: { pk: string; sk: string }) => doc.send(new GetCommand({ TableName, Key, ConsistentRead: true }));
          await Promise.all([consistentGet(userKey(userId)), consistentGet(superAdminKey(userId))]);
          await consistentGet(membershipKey(orgId, userId));
          await doc.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: [userKey(userId), organisationKey(orgId)] } } }));
        },
      );
      rows.push(row('login', 'login', result, 'GetItem ∥ GetItem, GetItem, BatchGet(2)'));
    }

    // Register a cabinet: Cognito AdminCreateUser + AdminSetUserPassword, ONE TransactWriteItems of 7 puts,
    // then InitiateAuth (trigger: 2 GetItems). Unique names every time.
    {
      const result = await measurePair(
        stack.counterUrl,
        options.register,
        Math.min(options.warmup, 3),
        async (index) => {
          const suffix = `${run}.${index < 0 ? `w${-index}` : index}`;
          return expectStatus(
            await call(baseUrl, 'POST', '/api/auth/register-cabinet', {
              body: { organisationName: `Bench ${suffix}`, username: `bench.${suffix}`, password: PASSWORD, nom: 'Bench', prenom: 'Admin' },
            }),
            201,
            'register-cabinet',
          );
        },
        () => doc.send(new TransactWriteCommand({ TransactItems: registrationPuts(TableName) })),
      );
      rows.push(row('register', 'register cabinet', result, `TransactWrite(${registrationPuts(TableName).length} puts)`));
    }
  } finally {
    doc.destroy();
    agent.destroy();
  }

  const text = [
    table(
      [
        'operation',
        'n',
        'gateway p50',
        'p99',
        'mean',
        'raw DynamoDB access',
        'raw p50',
        'p99',
        'mean',
        'p50 ratio',
        'DynamoDB calls/request (measured)',
        'Cognito calls/request',
      ],
      // Shown in the order a client meets them; measured list → get → create → login → register (reads first).
      [...rows]
        .sort((a, b) => DISPLAY_ORDER.indexOf(a.key) - DISPLAY_ORDER.indexOf(b.key))
        .map((r) => [
          r.operation,
          String(r.gateway.n),
          ms(r.gateway.p50),
          ms(r.gateway.p99),
          ms(r.gateway.mean),
          r.rawLabel,
          ms(r.raw.p50),
          ms(r.raw.p99),
          ms(r.raw.mean),
          ratio(r.gateway.p50 / r.raw.p50),
          r.dynamoCalls,
          r.cognitoCalls,
        ]),
      ['left', 'right', 'right', 'right', 'right', 'left', 'right', 'right', 'right', 'right', 'left', 'left'],
    ),
    '',
    ...notes,
  ].join('\n');
  return { text, failures };
}

function row(key: Row['key'], operation: string, result: Measured, rawLabel: string): Row {
  return {
    key,
    operation,
    gateway: summarise(result.gateway),
    rawLabel,
    raw: summarise(result.raws[0] ?? []),
    dynamoCalls: result.calls.dynamo,
    cognitoCalls: result.calls.cognito,
  };
}

/**
 * The conditional puts of a registration's one transaction, as functions/use-cases/register-cabinet.ts writes
 * them today: organisation, user, username guard, membership, name/slug/code guards and the audit entry (8), with
 * the real keys and similar attributes, and fresh ids every time.
 */
function registrationPuts(TableName: string) {
  const id = randomUUID();
  const userId = randomUUID();
  const now = new Date().toISOString();
  const name = `raw bench ${id}`;
  const slug = `raw-bench-${id}`;
  const code = id.replace(/-/g, '').slice(0, 10);
  const username = `raw.${id}`;
  const person = { username, nom: 'Raw', prenom: 'Bench' };
  const items: Record<string, unknown>[] = [
    {
      ...organisationKey(id),
      type: 'Organisation',
      id,
      nom: name,
      nameKey: name,
      slug,
      code,
      status: 'ACTIVE',
      country: 'FR',
      subscriptionTier: 'free',
      maxUsers: 50,
      memberCount: 1,
      createdAt: now,
      updatedAt: now,
    },
    { ...userKey(userId), type: 'User', id: userId, ...person, currentOrganisationId: id, createdAt: now, updatedAt: now },
    {
      ...membershipKey(id, userId),
      gsi1pk: `USER#${userId}`,
      gsi1sk: `ORG#${id}`,
      type: 'Membership',
      organisationId: id,
      userId,
      ...person,
      role: 'ADMIN',
      status: 'ACTIVE',
      joinedAt: now,
      updatedAt: now,
    },
    { ...usernameGuardKey(username), userId },
    { ...organisationNameGuardKey(name), organisationId: id },
    { ...organisationSlugGuardKey(slug), organisationId: id },
    { ...joinCodeGuardKey(code), organisationId: id },
    // The audit entry written in the same transaction ('organisation.created').
    {
      pk: `ORG#${id}`,
      sk: `AUDIT#${now}#${randomUUID()}`,
      type: 'AuditEntry',
      organisationId: id,
      action: 'organisation.created',
      actorId: userId,
      target: userId,
      details: { nom: name, role: 'ADMIN' },
      at: now,
    },
  ];
  return items.map((Item) => ({ Put: { TableName, Item, ConditionExpression: 'attribute_not_exists(pk)' } }));
}

/**
 * A handler module loaded in this process with the variables the local stack gives its functions
 * (local/start.ts), so the bench can call it without the gateway: what our code costs apart from the HTTP hop.
 */
async function inProcessHandler(info: StackInfo, handler: string): Promise<InProcessHandler> {
  Object.assign(process.env, {
    AWS_REGION: info.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    ...functionEnvironment(info),
    LOG_LEVEL: 'silent',
  });
  const module = (await import(`../../functions/handlers/${handler}.ts`)) as { handler: InProcessHandler };
  return module.handler;
}

type InProcessHandler = (
  event: APIGatewayProxyEventV2,
  context: { awsRequestId: string; getRemainingTimeInMillis: () => number },
) => Promise<{ statusCode: number }>;

/** GET /api/patients/{id} as API Gateway (payload 2.0) hands it to the function. */
function patientEvent(id: string, token: string): APIGatewayProxyEventV2 {
  const path = `/api/patients/${id}`;
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: 'GET /api/patients/{id}',
    rawPath: path,
    rawQueryString: '',
    headers: { authorization: `Bearer ${token}`, host: 'localhost' },
    pathParameters: { id },
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'localhost',
      domainPrefix: 'bench',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomUUID(),
      routeKey: 'GET /api/patients/{id}',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
  };
}
