// Warm latency where Lambda runs it: a function's entry called in this process with the payload-2.0 event API
// Gateway would send, next to the raw DynamoDB Local / cognito-local calls the same request needs (the budgets).
// Then, as information, the same requests through the local gateway over HTTP (keep-alive). Measured and raw samples
// are interleaved, one of each per iteration, so drift (JIT, GC, the emulators warming up) affects both alike.
// DynamoDB and Cognito calls per gateway request are counted in the stack process (./call-counter.ts). It also
// reports how many distinct functions a member's session from cold touches.
import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { accountCheckItem, accountCheckKey } from '#domain/account-check';
import { membershipKey } from '#domain/membership';
import {
  joinCodeGuardKey,
  organisationCountersKey,
  organisationKey,
  organisationNameGuardKey,
  organisationSlugGuardKey,
} from '#domain/organisation';
import { PATIENT_SK_PREFIX, patientItem, patientKey } from '#domain/patient';
import { counterIncrement, type RateLimitRule, rateLimitExpiry, rateLimitKey, windowOf } from '#domain/rate-limit';
import { userKey, usernameGuardKey } from '#domain/user';
import { createMatcher } from '#http/match';
import { functionEnvironment } from '#local/bootstrap';
import { entryOf, type FunctionName, routeList } from '#routes';
import { secretHash } from '../../functions/adapters/secret-hash.ts';
import { BENCH_LIMITS, type Stack, type StackInfo } from './stack.ts';
import { ms, ratio, type Summary, summarise, table, verdict } from './stats.ts';

export interface LatencyOptions {
  register: number;
  login: number;
  requests: number;
  listPatients: number;
  warmup: number;
}

const PASSWORD = 'Cassius2025!';
/** GET patient, the function called in process: p50 ≤ this × the raw GetItem p50. */
export const GET_BUDGET = 1.2;
/** Registration, the function called in process: p50 ≤ this × the p50 of its raw Cognito and DynamoDB calls in a row. */
export const REGISTER_BUDGET = 1.3;
/** Distinct functions a member's session from cold may touch. */
export const SESSION_FUNCTIONS_BUDGET = 2;

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

/** DynamoDB and Cognito calls per request of `n` requests alone (no raw call in between that the stack could see). */
async function callsOf(counterUrl: string, n: number, request: (index: number) => Promise<unknown>) {
  const { calls } = await measurePair(counterUrl, n, 0, request);
  return { dynamoCalls: calls.dynamo, cognitoCalls: calls.cognito };
}

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
  const { cognitoEndpoint, userPoolId: UserPoolId, clientId: ClientId } = stack.info;
  const idp = new CognitoIdentityProviderClient({
    endpoint: cognitoEndpoint,
    region,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const run = randomUUID().slice(0, 8);
  const rows: Row[] = [];
  const failures: string[] = [];
  const notes: string[] = [];
  const sessionNotes: string[] = [];

  try {
    // The api client's secret, for the raw sign-ins' SECRET_HASH (the functions read it the same way).
    const { UserPoolClient } = await idp.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId }));
    const clientSecret = UserPoolClient?.ClientSecret ?? '';
    const rawSignIn = (user: string) =>
      idp.send(
        new InitiateAuthCommand({
          ClientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: user, PASSWORD, SECRET_HASH: secretHash(user, ClientId, clientSecret) },
        }),
      );
    // What every sign-in writes besides (use-cases/signed-in.ts): its session item and the profile's lastLoginAt.
    const rawSessionRecord = (sub: string) =>
      doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: { pk: `SESSION#raw-${randomUUID()}`, sk: 'SESSION', userId: sub, idTokens: [] } } },
            {
              Update: {
                TableName,
                Key: userKey(sub),
                UpdateExpression: 'SET lastLoginAt = :now',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeValues: { ':now': new Date().toISOString() },
              },
            },
          ],
        }),
      );

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

    // A member's session from cold: the six requests of a member's first pages, through the gateway, each answered
    // by the function the route table assigns (the gateway routes exactly as API Gateway does).
    {
      const matchRoute = createMatcher(routeList);
      const patientId = patientIds[0] ?? '';
      const requests: [string, string, unknown?][] = [
        ['GET', '/api/auth/me'],
        ['GET', '/api/patients?limit=20'],
        ['GET', `/api/patients/${patientId}`],
        ['PATCH', `/api/patients/${patientId}`, { notes: 'Seen today' }],
        ['GET', `/api/organisations/${orgId}/members`],
        ['GET', `/api/organisations/${orgId}/audit`],
      ];
      const served: string[] = [];
      const functions = new Set<FunctionName>();
      for (const [method, path, body] of requests) {
        expectStatus(await call(baseUrl, method, path, { token, ...(body ? { body } : {}) }), 200, `${method} ${path}`);
        const match = matchRoute(method, new URL(path, baseUrl).pathname);
        if (match.kind !== 'route') throw new Error(`${method} ${path} matches no route`);
        functions.add(match.route.function);
        served.push(`${method} ${match.route.path} → ${match.route.function}`);
      }
      const ok = functions.size <= SESSION_FUNCTIONS_BUDGET;
      if (!ok) failures.push(`A member's session from cold touches ${functions.size} functions (budget ≤ ${SESSION_FUNCTIONS_BUDGET})`);
      sessionNotes.push(
        `Budget  distinct functions a member's session from cold touches ≤ ${SESSION_FUNCTIONS_BUDGET}: ${functions.size} (${[...functions].join(', ')})  → ${verdict(ok)}`,
        ...served.map((line) => `        ${line}`),
      );
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

    // Get patient: steady state (membership cached) the request needs one GetItem; uncached, BatchGet (membership,
    // organisation and the caller's profile, for session revocation and MFA) + GetItem.
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
              RequestItems: {
                [TableName]: { Keys: [membershipKey(orgId, userId), organisationKey(orgId), userKey(userId)], ConsistentRead: true },
              },
            }),
          );
          await doc.send(new GetCommand({ TableName, Key: patientKey(orgId, id(index)) }));
        },
      );
      const getRow = row('get', 'get patient', result, 'GetItem');
      rows.push(getRow);
      const uncachedSummary = summarise(result.raws[1] ?? []);
      // The budget: the member-read function's entry called in this process, as Lambda calls it (no HTTP hop), with the
      // event API Gateway sends; against the raw GetItem it needs once the membership is cached.
      const memberRead = await inProcessEntry(stack.info, 'member-read');
      const inProcess = await measurePair(
        stack.counterUrl,
        options.requests,
        options.warmup,
        async (index) => {
          const reply = await memberRead(patientEvent(id(index), token), lambdaContext());
          if (reply.statusCode !== 200) throw new Error(`in-process get patient answered ${reply.statusCode}`);
        },
        (index) => doc.send(new GetCommand({ TableName, Key: patientKey(orgId, id(index)) })),
      );
      const direct = summarise(inProcess.gateway);
      const directRaw = summarise(inProcess.raws[0] ?? []);
      const directRatio = direct.p50 / directRaw.p50;
      const ok = directRatio <= GET_BUDGET;
      if (!ok) {
        failures.push(
          `GET patient (member-read in process) p50 ${ms(direct.p50)} ms is ${ratio(directRatio)} the raw GetItem p50 ${ms(directRaw.p50)} ms (budget ≤ ${GET_BUDGET}×)`,
        );
      }
      const hop = summarise(
        (await measurePair(stack.counterUrl, options.requests, options.warmup, () => call(baseUrl, 'GET', '/api/health'))).gateway,
      );
      notes.push(
        `Budget  GET patient, member-read called in process, p50 ≤ ${GET_BUDGET} × the raw GetItem it needs (membership cached)`,
        `        in process p50 ${ms(direct.p50)} ms (p99 ${ms(direct.p99)}) / raw GetItem p50 ${ms(directRaw.p50)} ms = ${ratio(directRatio)}  → ${verdict(ok)}`,
        `Info    through the local gateway over HTTP: p50 ${ms(getRow.gateway.p50)} ms = ${ratio(getRow.gateway.p50 / getRow.raw.p50)} the raw GetItem;` +
          ` a bare GET /api/health round trip through the gateway: p50 ${ms(hop.p50)} ms (the HTTP hop)`,
        `Info    uncached (membership not in the 5 s cache): raw BatchGetItem(3, consistent) + GetItem p50 ${ms(uncachedSummary.p50)} ms,` +
          ` p99 ${ms(uncachedSummary.p99)} ms; gateway p50 / that = ${ratio(getRow.gateway.p50 / uncachedSummary.p50)}`,
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

    // Login: Cognito InitiateAuth (cognito-local runs the pre-token trigger, which reads the profile and the
    // super-admin marker, then the current membership), the session record with lastLoginAt (one TransactWriteItems
    // of 2), then the login use case's BatchGet of user + organisation.
    {
      const login = async () =>
        expectStatus(await call(baseUrl, 'POST', '/api/auth/login', { body: { username, password: PASSWORD } }), 200, 'login');
      const result = await measurePair(stack.counterUrl, options.login, Math.min(options.warmup, 5), login, async () => {
        await rawSignIn(username);
        await rawSessionRecord(userId);
        await doc.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: [userKey(userId), organisationKey(orgId)] } } }));
      });
      // The raw sign-in runs the trigger in the stack process too: count the calls of gateway requests alone.
      rows.push({
        ...row('login', 'login', result, 'InitiateAuth (+ trigger), TransactWrite(2), BatchGet(2)'),
        ...(await callsOf(stack.counterUrl, 5, login)),
      });
    }

    // Register a cabinet: the registration limits (ONE TransactWriteItems of the per-client and per-username
    // counters), the account check written before the Cognito user (a PutItem: crash safety, domain/account-check.ts),
    // Cognito AdminCreateUser + AdminSetUserPassword, ONE TransactWriteItems of 8 puts and the check's delete, then
    // InitiateAuth with the client's SECRET_HASH (cognito-local runs the pre-token trigger, in the stack process).
    // The raw sequence makes exactly these calls against the same emulators, for a fresh user every time.
    {
      const rawRegistration = async (label: string) => {
        const username = `raw.${run}.${label}`;
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [
              rawCounter(TableName, { scope: 'registration-client', limit: 1000, windowSeconds: 3600 }, `raw-${run}-${label}`),
              rawCounter(TableName, { scope: 'registration-account', limit: 1000, windowSeconds: 3600 }, username),
            ],
          }),
        );
        const check = { username, dueAt: new Date(Date.now() + 600_000).toISOString(), token: randomUUID(), reason: 'creation' as const };
        await doc.send(new PutCommand({ TableName, Item: accountCheckItem(check) }));
        const created = await idp.send(new AdminCreateUserCommand({ UserPoolId, Username: username, MessageAction: 'SUPPRESS' }));
        const sub = created.User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value ?? '';
        await idp.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: username, Password: PASSWORD, Permanent: true }));
        await doc.send(
          new TransactWriteCommand({
            TransactItems: [...registrationPuts(TableName, sub, username), { Delete: { TableName, Key: accountCheckKey(username) } }],
          }),
        );
        const signedIn = await rawSignIn(username);
        if (!signedIn.AuthenticationResult?.IdToken) throw new Error('raw registration: no token');
        await rawSessionRecord(sub);
      };
      const registerBody = (suffix: string) => ({
        organisationName: `Bench ${suffix}`,
        username: `bench.${suffix}`,
        password: PASSWORD,
        nom: 'Bench',
        prenom: 'Admin',
      });
      const label = (prefix: string, index: number) => `${prefix}${index < 0 ? `w${-index}` : index}`;
      {
        const sessions = await inProcessEntry(stack.info, 'sessions');
        const inProcess = await measurePair(
          stack.counterUrl,
          options.register,
          Math.min(options.warmup, 3),
          async (index) => {
            const body = JSON.stringify(registerBody(`${run}.p${label('', index)}`));
            const reply = await sessions(postEvent('/api/auth/register-cabinet', body), lambdaContext());
            if (reply.statusCode !== 201) throw new Error(`in-process register-cabinet answered ${reply.statusCode}`);
          },
          (index) => rawRegistration(label('p', index)),
        );
        const direct = summarise(inProcess.gateway);
        const raw = summarise(inProcess.raws[0] ?? []);
        const directRatio = direct.p50 / raw.p50;
        const ok = directRatio <= REGISTER_BUDGET;
        if (!ok) {
          failures.push(
            `register-cabinet (sessions in process) p50 ${ms(direct.p50)} ms is ${ratio(directRatio)} its raw calls' p50 ${ms(raw.p50)} ms (budget ≤ ${REGISTER_BUDGET}×)`,
          );
        }
        const result = await measurePair(
          stack.counterUrl,
          options.register,
          Math.min(options.warmup, 3),
          async (index) =>
            expectStatus(
              await call(baseUrl, 'POST', '/api/auth/register-cabinet', { body: registerBody(`${run}.g${label('', index)}`) }),
              201,
              'register-cabinet',
            ),
          (index) => rawRegistration(label('g', index)),
        );
        const counted = await callsOf(stack.counterUrl, 5, (index) =>
          call(baseUrl, 'POST', '/api/auth/register-cabinet', { body: registerBody(`${run}.c${label('', index)}`) }),
        );
        rows.push({
          ...row(
            'register',
            'register cabinet',
            result,
            'TransactWrite(2), PutItem, AdminCreateUser, AdminSetUserPassword, TransactWrite(9), InitiateAuth (+ trigger), TransactWrite(2)',
          ),
          ...counted,
        });
        notes.push(
          `Budget  register-cabinet, sessions called in process, p50 ≤ ${REGISTER_BUDGET} × its raw Cognito and DynamoDB calls in a row`,
          `        in process p50 ${ms(direct.p50)} ms (p99 ${ms(direct.p99)}) / raw TransactWrite(2) + PutItem + AdminCreateUser + AdminSetUserPassword + TransactWrite(9) +` +
            ` InitiateAuth + TransactWrite(2) p50 ${ms(raw.p50)} ms = ${ratio(directRatio)}  → ${verdict(ok)}`,
        );
      }
    }
  } finally {
    idp.destroy();
    doc.destroy();
    agent.destroy();
  }

  const text = [
    'Information: each request through the local gateway over HTTP, next to the raw calls it needs (budgets below the table).',
    table(
      [
        'operation',
        'n',
        'gateway p50',
        'p99',
        'mean',
        'raw calls',
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
    ...sessionNotes,
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

/** A rate-limit counter's conditional increment (domain/rate-limit.ts, as repositories/rate-limits.ts uses it). */
function rawCounter(TableName: string, rule: RateLimitRule, subject: string) {
  const window = windowOf(rule, Date.now());
  return { Update: { TableName, ...counterIncrement(rateLimitKey(rule, subject, window), rateLimitExpiry(window), rule.limit) } };
}

/**
 * The conditional puts of a registration's one transaction, as functions/use-cases/register-cabinet.ts writes
 * them today: organisation, its counters, user, username guard, membership, name/slug/code guards and the audit
 * entry (9), with
 * the real keys and similar attributes, for the Cognito user just created (so the trigger finds its membership).
 */
function registrationPuts(TableName: string, userId: string, username: string) {
  const id = randomUUID();
  const now = new Date().toISOString();
  const name = `raw bench ${id}`;
  const slug = `raw-bench-${id}`;
  const code = id.replace(/-/g, '').slice(0, 10);
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
      createdAt: now,
      updatedAt: now,
    },
    { ...organisationCountersKey(id), type: 'OrganisationCounters', memberCount: 1, adminCount: 1, codeUses: 0, maxUsers: 50 },
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
 * A function's entry loaded in this process with the variables the local stack gives its functions (local/start.ts),
 * so the bench calls it as Lambda does, without the gateway: what our code costs apart from the HTTP hop.
 */
async function inProcessEntry(info: StackInfo, name: FunctionName): Promise<InProcessHandler> {
  Object.assign(process.env, {
    AWS_REGION: info.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    ...functionEnvironment(info),
    // Quiet, as the stack's own functions are here: no log lines and no EMF lines in the bench's report (Powertools
    // Metrics' switch: a metric is then neither serialised nor printed, a few microseconds per event).
    LOG_LEVEL: 'silent',
    POWERTOOLS_METRICS_DISABLED: 'true',
    ...BENCH_LIMITS,
  });
  const module = (await import(`../../functions/${entryOf(name)}.ts`)) as { handler: InProcessHandler };
  return module.handler;
}

type InProcessHandler = (
  event: APIGatewayProxyEventV2,
  context: { awsRequestId: string; getRemainingTimeInMillis: () => number },
) => Promise<{ statusCode: number }>;

const lambdaContext = () => ({ awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 10_000 });

/** A JSON POST as API Gateway (payload 2.0) hands it to the function. */
function postEvent(path: string, body: string): APIGatewayProxyEventV2 {
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: `POST ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'localhost' },
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'bench',
      domainName: 'localhost',
      domainPrefix: 'bench',
      http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' },
      requestId: randomUUID(),
      routeKey: `POST ${path}`,
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
  };
}

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
