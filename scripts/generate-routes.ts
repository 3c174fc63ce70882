// Derives what the route declarations (functions/routes/<area>.ts) imply, so that a route is written once:
// - functions/routes/manifest.json, the route table as data (every declaration but its handle and replay, schemas
//   by name): what functions/routes.ts serves to CDK, the local gateway, the OpenAPI document, the permission
//   matrix and the tests, none of which may load a use case (their modules read the functions' configuration at
//   load);
// - functions/entries/<function>.ts, each function's entry, importing exactly the declarations it serves (esbuild
//   then bundles only their use cases: docs/adr/0003-per-route-exports-and-lazy-schemas.md).
// - the route tables of the API guide (docs/api.md, between its routes:start and routes:end markers).
// `npm run generate:routes` writes them; test/unit/generated-routes.test.ts fails when a committed one differs.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The areas, in table order (the OpenAPI document lists paths in this order). */
export const AREAS = [
  'system',
  'auth',
  'account',
  'patients',
  'registration',
  'organisations',
  'members',
  'integrations',
  'platform',
  // The seed dialects (functions/dialects.ts): in the route table, not in Cabinet's guide or document.
  'dialect-org-code',
  'dialect-dual-mode',
  'dialect-clinic',
  'dialect-org-management',
  'dialect-docs',
] as const;
/** The dialects' areas: their routes are documented by their own OpenAPI documents (docs/migrating.md). */
const DIALECT_AREAS: readonly string[] = AREAS.filter((area) => area.startsWith('dialect-'));
/** The schema modules a route's schemas are named from (`patients.createPatientBody`). */
export const SCHEMA_MODULES = [
  'common',
  'system',
  'auth',
  'account',
  'patients',
  'registration',
  'organisations',
  'members',
  'integrations',
  'platform',
  'dialect-org-code',
  'dialect-dual-mode',
  'dialect-clinic',
  'dialect-org-management',
];

/**
 * What the declarations' modules read at load (the use cases' configuration), when this runs outside a function:
 * placeholders, nothing is called.
 */
const LOAD_ENV: Readonly<Record<string, string>> = {
  TABLE_NAME: 'cabinet-generate',
  AWS_REGION: 'eu-west-3',
  USER_POOL_ID: 'eu-west-3_generate',
  USER_POOL_CLIENT_ID: 'generateclient',
  TOKEN_AUDIENCES: 'generateclient',
  TOKEN_ISSUER: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_generate',
  HOSTED_LOGIN_URL: 'https://cabinet-generate.auth.eu-west-3.amazoncognito.com',
  WEB_CLIENT_ID: 'generatewebclient',
  EMAIL_FROM: 'Cabinet <no-reply@example.org>',
  APP_URL: 'https://app.example.org',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** What a function is for, the first lines of its entry. */
const PURPOSE: Readonly<Record<string, string>> = {
  system:
    "Health, the OpenAPI document, the docs page, and API Gateway's $default route (every request no route key\n// matches, answered 404 or 405 with Allow against the whole route table). No data access.",
  sessions: "Every route that issues tokens or re-confirms a password; the only function holding the api app client's secret.",
  'member-read': 'Signed-in reads: the table read only, no Cognito.',
  'member-write': 'Signed-in writes that need no Cognito right: the table read and write.',
  'account-admin': "Signed-in routes that need Cognito admin rights: creating a member's account, a person's own profile.",
  platform: "The platform super-admins' routes.",
};

/** The API guide's heading for each area's table. */
const AREA_TITLES: Readonly<Record<(typeof AREAS)[number], string>> = {
  system: 'System',
  auth: 'Sessions and addresses',
  account: "A person's account",
  patients: 'Patients',
  registration: 'Registration, join codes and join requests',
  organisations: 'Organisations',
  members: 'Members, roles and invitations',
  integrations: 'Integrations: events and webhooks',
  platform: 'Platform (super-admins)',
  'dialect-org-code': 'Seed 001 dialect',
  'dialect-dual-mode': 'Seed 002 dialect',
  'dialect-clinic': 'Seed 003 dialect',
  'dialect-org-management': 'Seed 004 dialect',
  'dialect-docs': "The dialects' documents",
};

interface Declared {
  name: string;
  area: string;
  declaration: Record<string, unknown> & { function: string; auth: string; idempotent?: boolean };
}

const isDeclaration = (value: unknown): value is Declared['declaration'] =>
  typeof value === 'object' && value !== null && 'handle' in value && 'method' in value && 'path' in value;

/** Every declaration, in table order: areas in AREAS order, routes in the order their module declares them. */
async function declarations(): Promise<Declared[]> {
  for (const [name, value] of Object.entries(LOAD_ENV)) process.env[name] ??= value;
  const found: Declared[] = [];
  for (const area of AREAS) {
    const module = (await import(`../functions/routes/${area}.ts`)) as Record<string, unknown>;
    const source = readFileSync(`${root}functions/routes/${area}.ts`, 'utf8');
    const order = [...source.matchAll(/^export const (\w+) = \/\* @__PURE__ \*\/ route\(/gm)].map((match) => match[1] as string);
    const exported = Object.keys(module).filter((name) => isDeclaration(module[name]));
    const unmarked = exported.filter((name) => !order.includes(name));
    if (unmarked.length > 0)
      throw new Error(`routes/${area}.ts: declare ${unmarked.join(', ')} as \`export const x = /* @__PURE__ */ route({…})\``);
    for (const name of order) found.push({ name, area, declaration: module[name] as Declared['declaration'] });
  }
  return found;
}

/** Schema → its name `module.export`, for every schema module export. */
async function schemaNames(): Promise<Map<unknown, string>> {
  const names = new Map<unknown, string>();
  for (const module of SCHEMA_MODULES) {
    const exports = (await import(`../functions/schemas/${module}.ts`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) if (!names.has(value)) names.set(value, `${module}.${name}`);
  }
  return names;
}

const SCHEMA_FIELDS = new Set(['body', 'query', 'params', 'schema']);

function stored(value: unknown, names: Map<unknown, string>, key = ''): unknown {
  if (SCHEMA_FIELDS.has(key)) {
    const name = names.get(value);
    if (!name) throw new Error(`A route's ${key} schema is not exported by a schema module (${SCHEMA_MODULES.join(', ')})`);
    return name;
  }
  if (typeof value === 'function') throw new Error(`A route's ${key} is a function: only handle and replay may be`);
  if (Array.isArray(value)) return value.map((item) => stored(item, names));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([field, item]) => [field, stored(item, names, field)]));
  }
  return value;
}

function manifest(routes: Declared[], names: Map<unknown, string>): string {
  const table: Record<string, unknown> = {};
  for (const { name, area, declaration } of routes) {
    const { handle: _handle, replay: _replay, ...contract } = declaration;
    table[name] = { area, ...(stored(contract, names) as object) };
  }
  return formatted('functions/routes/manifest.json', JSON.stringify(table));
}

function entry(fn: string, routes: Declared[]): string {
  const served = routes.filter((route) => route.declaration.function === fn);
  const byArea = new Map<string, string[]>();
  for (const { name, area } of served) byArea.set(area, [...(byArea.get(area) ?? []), name]);
  const binders = new Set(served.map(({ declaration }) => (declaration.auth === 'public' ? 'publicHandler' : 'httpHandler')));
  const imports = [
    ...(binders.has('httpHandler') ? ["import { httpHandler } from '#http/handler';"] : []),
    ...(served.some(({ declaration }) => declaration.idempotent) ? ["import { idempotent } from '#http/idempotency';"] : []),
    ...(binders.has('publicHandler') ? ["import { publicHandler } from '#http/public-handler';"] : []),
    "import { lambdaEntry } from '#http/router';",
    ...(fn === 'system' ? ["import { allRouteList } from '#routes';"] : []),
    ...[...byArea]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([area, names]) => {
        const list = [...names].sort().join(', ');
        const line = `import { ${list} } from '#routes/${area}';`;
        return line.length <= 140
          ? line
          : `import {\n${[...names]
              .sort()
              .map((name) => `  ${name},\n`)
              .join('')}} from '#routes/${area}';`;
      }),
  ];
  const handlers = served.map(({ name, declaration }) => {
    const binder = declaration.auth === 'public' ? 'publicHandler' : 'httpHandler';
    return declaration.idempotent ? `  ${binder}(${name}, { idempotency: idempotent(${name}.replay) }),` : `  ${binder}(${name}),`;
  });
  const options = fn === 'system' ? ', { unmatchedAgainst: allRouteList }' : '';
  return formatted(
    `functions/entries/${fn}.ts`,
    `// The ${fn} function. ${PURPOSE[fn]}
// GENERATED by \`npm run generate:routes\` (scripts/generate-routes.ts) from the route declarations that name this
// function (functions/routes/<area>.ts): do not edit. API Gateway sends it only their route keys.
${imports.join('\n')}

export const handler = lambdaEntry(
  '${fn}',
  [
${handlers.map((line) => `  ${line}`).join('\n')}
  ]${options},
);
`,
  );
}

/** As the formatter writes it (Biome, with the project's settings), so that lint passes on what this writes. */
const formatted = (path: string, source: string): string =>
  execFileSync(`${root}node_modules/.bin/biome`, ['format', `--stdin-file-path=${path}`], { cwd: root, input: source, encoding: 'utf8' });

/** docs/api.md with its route tables (one per area, in table order) made from the declarations. */
function apiGuide(routes: Declared[]): string {
  const page = readFileSync(`${root}docs/api.md`, 'utf8');
  const [start, end] = ['<!-- routes:start -->', '<!-- routes:end -->'];
  if (!page.includes(start) || !page.includes(end)) throw new Error(`docs/api.md lacks ${start} … ${end}`);
  const tables = AREAS.filter((area) => !DIALECT_AREAS.includes(area)).map((area) => {
    const rows = routes
      .filter((route) => route.area === area)
      .map(({ declaration: route }) => {
        const permission = (route.permission ?? route.useCasePermission ?? '') as string;
        const cells = [route.method, route.path, route.auth, permission, String(route.summary).replaceAll('|', '\\|')];
        return ['', ...cells, ''].join(' | ').replaceAll('|  |', '| |').trim();
      });
    return [
      `### ${AREA_TITLES[area]}`,
      '',
      `Declared in \`functions/routes/${area}.ts\`.`,
      '',
      '| Method | Path | Auth | Permission | What it does |',
      '| --- | --- | --- | --- | --- |',
      ...rows,
    ].join('\n');
  });
  return `${page.slice(0, page.indexOf(start) + start.length)}\n${tables.join('\n\n')}\n${page.slice(page.indexOf(end))}`;
}

/** Every derived file, by path from the project root, with the content the declarations give it. */
export async function derivedRouteFiles(): Promise<Map<string, string>> {
  const routes = await declarations();
  const { FUNCTION_NAMES } = await import('../functions/routes/types.ts');
  const files = new Map<string, string>([['functions/routes/manifest.json', manifest(routes, await schemaNames())]]);
  for (const fn of FUNCTION_NAMES) files.set(`functions/entries/${fn}.ts`, entry(fn, routes));
  files.set('docs/api.md', apiGuide(routes));
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [path, content] of await derivedRouteFiles()) {
    writeFileSync(`${root}${path}`, content);
    console.log(`wrote ${path}`);
  }
}
