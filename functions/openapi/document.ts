// Builds the OpenAPI 3.1 document from the route table, the zod schemas the routes validate with (each exported
// schema is a named component, reused by $ref) and the examples beside them (`<area>Examples()` in each schema module,
// which only this module calls).
import * as z from 'zod/mini';
import { type DialectName, dialects } from '#dialects';
import { type SeedError, seedErrorOf, seedStatusOf } from '#dialects/seed-errors';
import { EVENT_CATALOGUE, EVENT_TYPES } from '#domain/events';
import { REFUSAL_EXAMPLES, type RefusalName } from '#domain/refusals';
import { problem } from '#http/problem';
import { PROBLEMS, problemType } from '#http/problems';
import { allRouteList, type ResponseDef, type RouteDef, routeList } from '#routes';
import { routeProblems } from '#routes/problems';
import * as account from '#schemas/account';
import * as auth from '#schemas/auth';
import * as common from '#schemas/common';
import * as integrations from '#schemas/integrations';
import { resolve, type SchemaRef } from '#schemas/lazy';
import * as members from '#schemas/members';
import * as organisations from '#schemas/organisations';
import * as patients from '#schemas/patients';
import * as platform from '#schemas/platform';
import * as registration from '#schemas/registration';
import * as system from '#schemas/system';
import type { AreaExamples, Example, RouteExamples } from '#schemas/walkthrough';
import { dialectSurfaces } from './dialects.ts';

type Json = Record<string, unknown>;

/** Every route's examples, by route name, from its area's schema module. */
export function routeExamples(): AreaExamples {
  const examples: Record<string, RouteExamples> = {};
  for (const area of [
    system.systemExamples,
    auth.authExamples,
    account.accountExamples,
    patients.patientsExamples,
    registration.registrationExamples,
    organisations.organisationsExamples,
    members.membersExamples,
    integrations.integrationsExamples,
    platform.platformExamples,
  ]) {
    for (const [name, routeExample] of Object.entries(area())) {
      if (!routeList.some((route) => route.name === name)) throw new Error(`Examples for ${name}, which is no route`);
      examples[name] = routeExample;
    }
  }
  return examples;
}
type Route = RouteDef & { name: string; examples?: RouteExamples | undefined };
type Success = Exclude<ResponseDef, { problem: string }>;

export interface DocumentOptions {
  /** The API's origin as its client reaches it (`https://….execute-api….amazonaws.com`, `http://127.0.0.1:3000`). */
  serverUrl: string;
  /** The hosted login's base URL (Cognito domain, or cognito-local) for the OAuth 2 code + PKCE scheme. */
  hostedLoginUrl?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Component schemas: every zod schema the schema modules export, named after its export, converted once per
// direction (a request body is described as the client sends it, a response as the server sends it).

/** In the order names are given: a schema exported twice (an alias) keeps its first name. */
const SCHEMA_MODULES = [common, system, auth, account, patients, registration, organisations, members, integrations, platform];
/** Components whose name is not their export's name in PascalCase. */
const RENAMED: Readonly<Record<string, string>> = { problemSchema: 'Problem' };
const COMPONENT = '#/components/schemas/';
const schemaRef = (name: string) => ({ $ref: `${COMPONENT}${name}` });

const isSchema = (value: unknown): value is z.ZodMiniType => typeof value === 'object' && value !== null && '_zod' in value;

/** The schema behind a module export: a lazy schema (a function of no argument) or a schema; otherwise nothing. */
function exportedSchema(value: unknown): z.ZodMiniType | undefined {
  if (isSchema(value)) return value;
  if (typeof value !== 'function' || value.length !== 0) return undefined;
  const built: unknown = value();
  return isSchema(built) ? built : undefined;
}

/**
 * What one document describes: Cabinet's own API, or one dialect's (docs/dialects.md), each with its routes, the schema
 * modules its components come from, its tags, examples and the component its refusals are answered with.
 */
interface Surface {
  routes: readonly Route[];
  schemaModules: readonly object[];
  tags: Readonly<Record<string, string>>;
  examples: () => Readonly<Record<string, RouteExamples>>;
  /** The component every problem answer's schema refers to. */
  problem: string;
  /** A dialect's base: its document's server is the origin plus the base, and its paths are the seed's own. */
  base?: string;
  info: { title: string; description: string; 'x-migration-surface'?: { seed: string; base: string; differences: readonly string[] } };
  /** Cabinet's document carries the event catalogue as OpenAPI `webhooks`; a dialect's does not. */
  webhooks?: true;
  /** A dialect's seed error members (dialects/seed-errors.ts): its answers' statuses and examples are the seed's. */
  seedError?: SeedError;
}

/** Schema → component name. Path and query schemas are not components: they become parameters. */
function componentNames(surface: Surface): Map<z.ZodMiniType, string> {
  const parameterSchemas = new Set(
    surface.routes.flatMap((route) => [route.params, route.query]).flatMap((ref) => (ref ? [resolve(ref)] : [])),
  );
  const names = new Map<z.ZodMiniType, string>();
  const taken = new Set<string>();
  for (const module of surface.schemaModules) {
    for (const [exportName, value] of Object.entries(module)) {
      const schema = exportedSchema(value);
      if (!schema || parameterSchemas.has(schema) || names.has(schema)) continue;
      const name = RENAMED[exportName] ?? `${exportName.charAt(0).toUpperCase()}${exportName.slice(1)}`;
      if (taken.has(name)) throw new Error(`Two different schemas would both be the component ${name}: rename one export`);
      names.set(schema, name);
      taken.add(name);
    }
  }
  return names;
}

function walk(json: unknown, visit: (node: Json) => void): void {
  if (Array.isArray(json)) for (const item of json) walk(item, visit);
  else if (typeof json === 'object' && json !== null) {
    visit(json as Json);
    for (const value of Object.values(json)) walk(value, visit);
  }
}

/** The components `roots` reference, directly or through others. */
function reachable(roots: Iterable<string>, schemas: Record<string, Json>): Set<string> {
  const found = new Set<string>();
  const pending = [...roots];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (found.has(name)) continue;
    found.add(name);
    walk(schemas[name], (node) => {
      if (typeof node.$ref === 'string' && node.$ref.startsWith(COMPONENT)) pending.push(node.$ref.slice(COMPONENT.length));
    });
  }
  return found;
}

/**
 * Response objects are open: a response may gain fields, and clients ignore the ones they do not know. (zod
 * describes an output object as closed, which would make generated clients reject any addition.)
 */
function openObjects(json: Json): Json {
  walk(json, (node) => {
    if (node.additionalProperties === false) delete node.additionalProperties;
  });
  return json;
}

function componentSchemas(names: Map<z.ZodMiniType, string>, requestRoots: Set<string>, responseRoots: Set<string>) {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of names) registry.add(schema, { id });
  const convert = (io: 'input' | 'output') => {
    const { schemas } = z.toJSONSchema(registry, { io, unrepresentable: 'any', uri: (id) => `${COMPONENT}${id}` }) as {
      schemas: Record<string, Json>;
    };
    if ('__shared' in schemas) throw new Error('A schema is reused without a name: export it from its schema module');
    for (const schema of Object.values(schemas)) {
      delete schema.$id;
      delete schema.$schema;
    }
    return schemas;
  };
  const inputs = convert('input');
  const outputs = convert('output');
  const result: Record<string, Json> = {};
  for (const name of reachable(requestRoots, inputs)) result[name] = inputs[name] as Json;
  for (const name of reachable(responseRoots, outputs)) {
    const output = openObjects(outputs[name] as Json);
    if (name in result && JSON.stringify(result[name]) !== JSON.stringify(output)) {
      throw new Error(`${name} is used in requests and in responses with different shapes: give each use its own schema`);
    }
    result[name] = output;
  }
  // The text media types a JSON answer is also offered as (ResponseDef.exports: CSV, NDJSON) share one schema.
  result.TextExport = { type: 'string', description: 'The same answer as text: CSV (RFC 4180, a header row) or NDJSON' };
  return Object.fromEntries(Object.entries(result).sort(([a], [b]) => a.localeCompare(b)));
}

// ---------------------------------------------------------------------------------------------------------------
// Problem answers: every refusal a route can answer (routeProblems: its own use case's and those its kind of route
// shares), one answer per problem type, grouped by the vocabulary's status (http/problems.ts). `problemResponse` is
// the one place that turns the answers of one status into an OpenAPI response.

/** One way a route can fail with a status: what it means, and the problem types it is answered with. */
export interface ProblemAnswer {
  readonly name: RefusalName;
  readonly description: string;
  readonly types: readonly string[];
}

const answerFor = (name: RefusalName): ProblemAnswer => ({
  name,
  description: `\`${name}\`: ${PROBLEMS[name].title}`,
  types: [problemType(name)],
});

/** The example of one refusal: the body the HTTP edge answers (http/problem.ts) for the catalogue's example. */
function problemExample(name: RefusalName, seedError?: SeedError, route?: Route): Json {
  const refusal = REFUSAL_EXAMPLES[name]();
  const { body } = problem(refusal, undefined, seedError?.(refusal, route));
  return { summary: PROBLEMS[name].title, value: JSON.parse(body as string) as Json };
}

/** The status a refusal is answered with: the vocabulary's, or the one a dialect's seed restates (seed 004's 422). */
const statusOf = (name: RefusalName, route: Route): number =>
  route.dialect ? seedStatusOf(route.dialect, name, route) : PROBLEMS[name].status;

/** Statuses whose answer is the same on every route that has it: one shared response, referenced. */
const SHARED_RESPONSES: ReadonlyArray<[number, string, RefusalName]> = [
  [405, 'MethodNotAllowed', 'method-not-allowed'],
  [413, 'PayloadTooLarge', 'payload-too-large'],
  [415, 'UnsupportedMediaType', 'unsupported-media-type'],
  [500, 'InternalError', 'internal-error'],
];

/** Every problem answer of a route, by status. A 405 is the path's (another method), so every operation has it. */
export function problemAnswers(route: Route): Map<number, ProblemAnswer[]> {
  const byStatus = new Map<number, ProblemAnswer[]>();
  for (const name of [...routeProblems(route), 'method-not-allowed' as const]) {
    const status = statusOf(name, route);
    byStatus.set(status, [...(byStatus.get(status) ?? []), answerFor(name)]);
  }
  return byStatus;
}

const STATUS_HEADERS: Readonly<Record<number, readonly string[]>> = {
  401: ['WWW-Authenticate'],
  405: ['Allow'],
  429: ['Retry-After'],
  503: ['Retry-After'],
};

/** The OpenAPI response for one status's problem answers: problem+json whose `type` is one of theirs. */
function problemResponse(
  status: number,
  answers: readonly ProblemAnswer[],
  component = 'Problem',
  seed: { seedError?: SeedError | undefined; route?: Route } = {},
): Json {
  const types = [...new Set(answers.flatMap((problem) => problem.types))];
  // A request still in progress under its Idempotency-Key says when to retry, whatever its status shares.
  const retryAfter = types.includes(problemType('idempotency-request-in-progress')) ? ['Retry-After'] : [];
  return {
    description: answers.map((problem) => problem.description).join('; '),
    headers: headersOf([...new Set([...(STATUS_HEADERS[status] ?? []), ...retryAfter])]),
    content: {
      'application/problem+json': {
        schema: { allOf: [schemaRef(component), { properties: { type: { enum: types }, status: { const: status } } }] },
        examples: Object.fromEntries(answers.map((answer) => [answer.name, problemExample(answer.name, seed.seedError, seed.route)])),
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Headers.

const HEADERS: Readonly<Record<string, Json>> = {
  'Cache-Control': {
    description: '`no-store` on every API answer; `no-cache` on the docs page; `public, max-age=3600` on its files',
    schema: { type: 'string' },
  },
  Location: { description: 'The path of the created resource', schema: { type: 'string', format: 'uri-reference' } },
  'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } },
  'WWW-Authenticate': { description: '`Bearer`: send `Authorization: Bearer <ID token>`', schema: { type: 'string' } },
  Allow: { description: 'The methods the path has, e.g. `GET, POST`', schema: { type: 'string' } },
  ETag: { description: 'Identifies this version of the file; send it back in If-None-Match', schema: { type: 'string' } },
  'Content-Security-Policy': {
    description: "Scripts, styles and requests from this origin only (and the hosted login for sign-in); `frame-ancestors 'none'`",
    schema: { type: 'string' },
  },
  'Referrer-Policy': { description: 'Always `no-referrer`', schema: { type: 'string', const: 'no-referrer' } },
  Link: {
    description:
      'With a CSV or NDJSON page that has a next one: `<path?…&cursor=…>; rel="next"` (the same filters, the next cursor); absent on the last page',
    schema: { type: 'string' },
  },
  'Idempotent-Replayed': {
    description: '`true` when this is the recorded answer to an earlier request with the same Idempotency-Key (nothing was written again)',
    schema: { type: 'string', const: 'true' },
  },
};

/** The Idempotency-Key request header of a creating POST (functions/http/idempotency.ts). */
const IDEMPOTENCY_KEY_PARAMETER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes a retry safe: the same key with the same body within 24 h answers the first answer again (with ' +
    '`Idempotent-Replayed: true`) and writes nothing; with another body, 422 `idempotency-key-reused`; while the first ' +
    'request may still be running, 409 `idempotency-request-in-progress` with Retry-After. Keys are scoped to the ' +
    'caller (the user, or the client address on public routes) and the operation; use a fresh UUID per intended ' +
    "creation. A registration's replay carries new tokens (tokens are never stored).",
  schema: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7e]+$' },
};
const ALWAYS = ['Cache-Control'];

function headersOf(names: readonly string[]): Json {
  const headers: Json = {};
  for (const name of [...ALWAYS, ...names]) {
    if (!HEADERS[name]) throw new Error(`Header ${name} is not described`);
    headers[name] = { $ref: `#/components/headers/${name}` };
  }
  return headers;
}

// ---------------------------------------------------------------------------------------------------------------
// Operations.

function schemaJson(ref: SchemaRef, io: 'input' | 'output'): { properties?: Record<string, Json>; required?: string[] } {
  const { $schema: _ignored, ...json } = z.toJSONSchema(resolve(ref), { io, unrepresentable: 'any' }) as Json;
  return json;
}

function parameters(route: Route): Json[] {
  const list: Json[] = route.idempotent ? [IDEMPOTENCY_KEY_PARAMETER] : [];
  for (const [where, ref] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!ref) continue;
    const json = schemaJson(ref, 'input');
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      list.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema });
    }
  }
  return list;
}

/** `examples` of one media type; an example names its media type only when a response has several. */
function examplesFor(examples: Readonly<Record<string, Example>>, contentType: string, first: boolean): Json {
  return Object.fromEntries(
    Object.entries(examples)
      .filter(([, example]) => (example.contentType ? example.contentType === contentType : first))
      .map(([key, { summary, value }]) => [key, { summary, value }]),
  );
}

function mediaTypes(contentTypes: readonly string[], schema: Json, examples: Readonly<Record<string, Example>> | undefined): Json {
  return Object.fromEntries(
    contentTypes.map((contentType, index) => {
      const chosen = examples ? examplesFor(examples, contentType, index === 0) : {};
      return [contentType, { schema, ...(Object.keys(chosen).length ? { examples: chosen } : {}) }];
    }),
  );
}

function successResponse(
  names: Map<z.ZodMiniType, string>,
  response: Success,
  examples: RouteExamples['responses'],
  status: number,
  idempotent: boolean,
) {
  const contentTypes = typeof response.contentType === 'string' ? [response.contentType] : (response.contentType ?? ['application/json']);
  return {
    description: response.description,
    headers: headersOf([...(response.headers ?? []), ...(idempotent ? ['Idempotent-Replayed'] : [])]),
    ...(response.schema
      ? {
          content: {
            ...mediaTypes(contentTypes, schemaRef(nameOf(names, response.schema)), examples?.[status]),
            ...Object.fromEntries(
              (response.exports ?? []).map((type) => [
                type,
                { schema: { $ref: `${COMPONENT}TextExport` }, examples: examplesFor(examples?.[status] ?? {}, type, false) },
              ]),
            ),
          },
        }
      : {}),
  };
}

function nameOf(names: Map<z.ZodMiniType, string>, ref: SchemaRef): string {
  const name = names.get(resolve(ref));
  if (!name) throw new Error('A route uses a schema its schema module does not export');
  return name;
}

const ACCESS: Readonly<Record<RouteDef['auth'], string>> = {
  public: 'Public: no token.',
  user: 'A valid ID token (any organisation, or none).',
  member: "A valid ID token and an ACTIVE membership of the token's organisation.",
  superAdmin: 'The ID token of a platform super-admin (checked in DynamoDB, not from a claim).',
  optionalUser: 'Public; a valid ID token, when sent, identifies the caller.',
};

function accessText(route: Route): string {
  const parts = [ACCESS[route.auth]];
  if (route.permission) parts.push(`Permission: \`${route.permission}\`.`);
  if (route.organisationScoped) parts.push(`\`{${route.organisationParam ?? 'id'}}\` must be the token's organisation.`);
  return parts.join(' ');
}

function securityOf(route: Route, hostedLogin: boolean): Json[] {
  const signedIn: Json[] = [{ bearer: [] }, ...(hostedLogin ? [{ hostedLogin: ['openid'] }] : [])];
  if (route.auth === 'public') return [];
  return route.auth === 'optionalUser' ? [{}, ...signedIn] : signedIn;
}

function responses(route: Route, names: Map<z.ZodMiniType, string>, surface: Surface): Json {
  const result: Record<number, Json> = {};
  const examples = route.examples;
  for (const [status, response] of Object.entries(route.responses)) {
    if (!('problem' in response)) {
      result[Number(status)] = successResponse(names, response, examples?.responses, Number(status), route.idempotent === true);
    }
  }
  for (const [status, answers] of problemAnswers(route)) {
    const shared = SHARED_RESPONSES.find(
      ([code, , name]) => code === status && answers.length === 1 && answers[0]?.types[0] === problemType(name),
    );
    result[status] = shared
      ? { $ref: `#/components/responses/${shared[1]}` }
      : problemResponse(status, answers, surface.problem, { seedError: surface.seedError, route });
  }
  return Object.fromEntries(Object.entries(result).sort(([a], [b]) => Number(a) - Number(b)));
}

function operation(route: Route, names: Map<z.ZodMiniType, string>, hostedLogin: boolean, surface: Surface): Json {
  const examples = route.examples;
  return {
    operationId: route.name,
    summary: route.summary,
    description: accessText(route),
    tags: [route.tag],
    security: securityOf(route, hostedLogin),
    ...(route.auth === 'superAdmin' ? { 'x-requires': 'platform super-admin' } : {}),
    ...(route.permission ? { 'x-permission': route.permission } : {}),
    ...(route.params || route.query || route.idempotent ? { parameters: parameters(route) } : {}),
    ...(route.body
      ? {
          requestBody: {
            // Optional only where the schema accepts no body (functions/http/pipeline.ts parseBody).
            required: !z.safeParse(resolve(route.body), undefined).success,
            content: mediaTypes(['application/json'], schemaRef(nameOf(names, route.body)), examples?.request),
          },
        }
      : {}),
    responses: responses(route, names, surface),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The document.

const TAGS: Readonly<Record<string, string>> = {
  System: 'Health, this document and its interactive page',
  Auth: 'Registration, sign-in, tokens and ways into an organisation',
  Account: "A person's own account: profile, sign-out, passwords, MFA, deleting it",
  Patients: "The organisation's patients (tenant data)",
  'Join codes': "An organisation's 10-digit join code and its policy",
  'Join requests': 'Review of the requests a join code that needs approval creates',
  Organisations: "The caller's organisations, the audit trail and support access",
  Members: "An organisation's members",
  Roles: 'Built-in and custom roles and their permissions',
  Invitations: 'One-time invitations to join an organisation',
  Integrations: "The organisation's events and its webhook endpoints (signed deliveries, Standard Webhooks)",
  Platform: 'Platform super-admins: every organisation, and support access',
};

const DESCRIPTION = `Multi-tenant backend for professional practices.

**Authentication.** Send the Cognito **ID token** as \`Authorization: Bearer <token>\`: the \`token\` that
registration, sign-in and invitation acceptance answer, or the \`id_token\` of the hosted login (authorization
code + PKCE; *Authorize → hostedLogin* on the docs page). Access tokens are refused.

**Sessions.** A token names the organisation its holder chose while that membership is ACTIVE; without one (none
chosen yet, a pending request, a suspended or removed membership) user routes work and member routes answer 403
\`no-organisation-selected\`. Signing out (\`POST /api/auth/logout\`), a new password or a reset refuse the tokens
issued before within 5 s: 401 \`token-revoked\`, sign in again.

**Errors** are RFC 9457 \`application/problem+json\`. Branch on \`type\`, never on \`detail\`; validation errors
list every failing rule in \`errors\` (\`path\`, \`message\`). Each response lists the problem types it can carry; a
path no operation declares answers 404 \`urn:cabinet:problem:route-not-found\`.

**Compatibility.** Responses may gain fields: ignore the ones you do not know. Request bodies are strict: an
unknown field is a 400.

**Headers.** Every answer carries \`X-Content-Type-Options: nosniff\` and a \`Cache-Control\`; each response lists
the other headers it carries.

**Retries.** Creating operations accept an \`Idempotency-Key\` header: a retry with the same key and body answers
the first answer again and writes nothing. A function that dies is answered by API Gateway itself: 500
\`{"message":"Internal Server Error"}\`; every answer carries \`apigw-requestid\`, to quote when reporting a problem.

**Limits.** Bodies up to 64 KiB. Join-code redemption is rate limited (429 with Retry-After). The deployed API
also throttles every route (API Gateway's stage limits: 50 requests/s, bursts of 100), answering 429 with
API Gateway's own JSON body.`;

/**
 * OpenAPI 3.1 `webhooks`: one entry per event type of the catalogue, the request Cabinet sends to a registered
 * endpoint, with its Standard Webhooks headers and an example payload.
 */
function webhooksOf(names: Map<z.ZodMiniType, string>): Json {
  const header = (description: string) => ({ required: true, schema: { type: 'string' }, description });
  return Object.fromEntries(
    EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `webhook_${type.replace('.', '_')}`,
          summary: EVENT_CATALOGUE[type],
          // Cabinet calls the receiver: no bearer token, the body is signed (webhook-signature) instead.
          security: [],
          description:
            'Sent to every ENABLED endpoint subscribed to this type, at least once: a 2xx within 10 s is success, anything else is retried (about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), then the endpoint is disabled. Verify the signature before trusting the body.',
          tags: ['Integrations'],
          parameters: [
            { in: 'header', name: 'webhook-id', ...header('The event id: the same on every retry (deduplicate on it)') },
            { in: 'header', name: 'webhook-timestamp', ...header('Unix seconds when this attempt was signed') },
            {
              in: 'header',
              name: 'webhook-signature',
              ...header('Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per live secret'),
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: schemaRef(nameOf(names, integrations.webhookPayload)),
                examples: { default: { summary: type, value: integrations.webhookPayloadExample(type) } },
              },
            },
          },
          responses: { '2XX': { description: 'Received: no retry' }, default: { description: 'Not received: retried later' } },
        },
      },
    ]),
  );
}

/** The document's `servers`: the origin it was requested from. */
export const serversFor = (serverUrl: string) => [
  { url: serverUrl, description: 'This deployment: the origin this document was requested from' },
];

const CABINET: Surface = {
  routes: routeList,
  schemaModules: SCHEMA_MODULES,
  tags: TAGS,
  examples: routeExamples,
  problem: 'Problem',
  info: { title: 'Cabinet API', description: DESCRIPTION },
  webhooks: true,
};

/** Cabinet's own document: its routes only, never a dialect's. */
export const openApiDocument = (options: DocumentOptions): Json => documentOf(CABINET, options);

/** A dialect's document (docs/dialects.md): its routes, its seed's names, marked as a migration surface. */
export function dialectDocument(name: DialectName, options: DocumentOptions): Json {
  const dialect = dialects[name];
  const surface = dialectSurfaces[name];
  return documentOf(
    {
      routes: allRouteList.filter((route) => route.dialect === name),
      schemaModules: [common, system, surface.schemas],
      tags: dialect.tags,
      examples: surface.examples,
      problem: surface.problem,
      seedError: seedErrorOf(name),
      base: dialect.base,
      info: {
        title: dialect.title,
        description: `${dialect.description}\n\n**Differences on purpose** (docs/migrating.md):\n\n${dialect.differences.map((line) => `- ${line}`).join('\n')}`,
        'x-migration-surface': { seed: dialect.seed, base: dialect.base, differences: dialect.differences },
      },
    },
    options,
  );
}

function documentOf(surface: Surface, options: DocumentOptions): Json {
  const names = componentNames(surface);
  const hostedLogin = options.hostedLoginUrl !== undefined;
  const requestRoots = new Set(surface.routes.flatMap((route) => (route.body ? [nameOf(names, route.body)] : [])));
  const responseRoots = new Set([surface.problem, ...(surface.webhooks ? [nameOf(names, integrations.webhookPayload)] : [])]);
  for (const route of surface.routes) {
    for (const response of Object.values(route.responses)) {
      if (!('problem' in response) && response.schema) responseRoots.add(nameOf(names, response.schema));
    }
  }

  const paths: Record<string, Json> = {};
  const examples = surface.examples();
  for (const route of surface.routes) {
    if (!surface.tags[route.tag]) throw new Error(`${route.name}: tag ${route.tag} has no description`);
    const path = surface.base ? route.path.slice(surface.base.length) : route.path;
    paths[path] = {
      ...paths[path],
      [route.method.toLowerCase()]: operation({ ...route, examples: examples[route.name] }, names, hostedLogin, surface),
    };
  }
  const usedTags = new Set(surface.routes.map((route) => route.tag));
  const loginBase = options.hostedLoginUrl?.replace(/\/+$/, '');

  return {
    openapi: '3.1.0',
    info: {
      title: surface.info.title,
      version: '0.1.0',
      description: surface.info.description,
      ...(surface.info['x-migration-surface'] ? { 'x-migration-surface': surface.info['x-migration-surface'] } : {}),
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: serversFor(`${options.serverUrl}${surface.base ?? ''}`),
    tags: Object.entries(surface.tags)
      .filter(([name]) => usedTags.has(name))
      .map(([name, description]) => ({ name, description })),
    paths,
    ...(surface.webhooks ? { webhooks: webhooksOf(names) } : {}),
    components: {
      schemas: componentSchemas(names, requestRoots, responseRoots),
      responses: Object.fromEntries(
        SHARED_RESPONSES.map(([status, name, refusal]) => [
          name,
          problemResponse(status, [answerFor(refusal)], surface.problem, { seedError: surface.seedError }),
        ]),
      ),
      headers: HEADERS,
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'The Cognito ID token (`token` from registration, sign-in or invitation acceptance; `id_token` from the hosted login)',
        },
        ...(loginBase
          ? {
              hostedLogin: {
                type: 'oauth2',
                description:
                  'Hosted login: authorization code with PKCE (app client `web`). The API is called with the `id_token` it returns.',
                // Swagger UI sends this token of the token response (the default would be the access token, which the API refuses).
                'x-tokenName': 'id_token',
                flows: {
                  authorizationCode: {
                    authorizationUrl: `${loginBase}/oauth2/authorize`,
                    tokenUrl: `${loginBase}/oauth2/token`,
                    refreshUrl: `${loginBase}/oauth2/token`,
                    scopes: { openid: 'Sign in', email: 'The e-mail address', profile: 'The names' },
                  },
                },
              },
            }
          : {}),
      },
    },
  };
}
