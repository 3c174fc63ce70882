// The route table: every route's contract as its declaration states it (functions/routes/<area>.ts), read from
// routes/manifest.json, which scripts/generate-routes.ts derives from the declarations (npm run generate:routes; a
// unit test fails when it is stale). CDK builds one API Gateway route per entry, integrated with the function the
// entry names (one Lambda per privilege class, docs/adr/0005-routes-to-functions.md); the local gateway routes with
// it; the OpenAPI document, the permission matrix and the API guide's route tables are derived from it. It holds no
// handle: loading it loads no use case (whose modules read the functions' configuration at load), only the schemas.
import * as account from '#schemas/account';
import * as auth from '#schemas/auth';
import * as common from '#schemas/common';
import * as dialectClinic from '#schemas/dialect-clinic';
import * as dialectDualMode from '#schemas/dialect-dual-mode';
import * as dialectOrgCode from '#schemas/dialect-org-code';
import * as dialectOrgManagement from '#schemas/dialect-org-management';
import * as integrations from '#schemas/integrations';
import type { SchemaRef } from '#schemas/lazy';
import * as members from '#schemas/members';
import * as organisations from '#schemas/organisations';
import * as patients from '#schemas/patients';
import * as platform from '#schemas/platform';
import * as registration from '#schemas/registration';
import * as system from '#schemas/system';
import manifest from './routes/manifest.json' with { type: 'json' };
import type { CognitoAction, FunctionName, ResponseDef, RouteDef } from './routes/types.ts';

export type { CognitoAction, FunctionName, HttpMethod, ResponseDef, RouteDef, ThrottleClass } from './routes/types.ts';

type Manifest = typeof manifest;
/** Every route's name, Cabinet's and the dialects'. */
export type AllRouteName = keyof Manifest;
/** Cabinet's own routes' names (a dialect's declaration carries `dialect`). */
export type RouteName = { [K in AllRouteName]: Manifest[K] extends { dialect: string } ? never : K }[AllRouteName];

/** A route of the table: its contract, its name and the area module that declares it. */
export type Route = RouteDef & { name: string; area: string };

const SCHEMA_MODULES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  account,
  auth,
  common,
  'dialect-org-code': dialectOrgCode,
  'dialect-dual-mode': dialectDualMode,
  'dialect-clinic': dialectClinic,
  'dialect-org-management': dialectOrgManagement,
  integrations,
  members,
  organisations,
  patients,
  platform,
  registration,
  system,
};

/** The schema the manifest names `module.export`. */
function schemaNamed(name: string): SchemaRef {
  const [module = '', member = ''] = name.split('.');
  const schema = SCHEMA_MODULES[module]?.[member];
  if (typeof schema !== 'function') throw new Error(`routes/manifest.json names ${name}, which no schema module exports`);
  return schema as SchemaRef;
}

type Stored = Omit<RouteDef, 'body' | 'query' | 'params' | 'responses'> & {
  area: string;
  body?: string;
  query?: string;
  params?: string;
  responses: Record<string, Omit<ResponseDef, 'schema'> & { schema?: string }>;
};

function fromManifest(name: string, { body, query, params, responses, ...rest }: Stored): Route {
  return {
    name,
    ...rest,
    ...(body ? { body: schemaNamed(body) } : {}),
    ...(query ? { query: schemaNamed(query) } : {}),
    ...(params ? { params: schemaNamed(params) } : {}),
    responses: Object.fromEntries(
      Object.entries(responses).map(([status, { schema, ...response }]) => [
        status,
        { ...response, ...(schema ? { schema: schemaNamed(schema) } : {}) },
      ]),
    ),
  } as Route;
}

/** Every route, Cabinet's and the dialects' (functions/dialects.ts), in table order: what the entries serve. */
export const allRouteList: readonly Route[] = Object.entries(manifest as unknown as Record<string, Stored>).map(([name, stored]) =>
  fromManifest(name, stored),
);

/** Cabinet's own routes: what its OpenAPI document, the API guide and the permission matrix describe. */
export const routeList: readonly Route[] = allRouteList.filter((route) => route.dialect === undefined);

/** The routes a deployment serves: Cabinet's, and those of the dialects it turns on. */
export const servedRouteList = (dialects: readonly string[]): Route[] =>
  allRouteList.filter((route) => route.dialect === undefined || dialects.includes(route.dialect));

/** The routes by name. */
export const routes = Object.fromEntries(routeList.map((route) => [route.name, route])) as Readonly<Record<RouteName, Route>>;

/** The Cognito pre-token-generation trigger module under functions/. */
export const preTokenTrigger = 'triggers/pre-token-generation';

/**
 * CabinetApi's functions (routes/types.ts says what each one is for). `system` also receives API Gateway's $default
 * route (every request no route key matches). Each function's entry is functions/entries/<name>.ts.
 */
export { FUNCTION_NAMES as functionNames } from './routes/types.ts';

/** The function that answers requests no route matches. */
export const fallbackFunction = 'system' satisfies FunctionName;

/** The entry module of a function, relative to functions/, without extension. */
export const entryOf = (name: FunctionName): string => `entries/${name}`;

/** The routes a function serves, in table order. */
export const routesOf = (name: FunctionName): Route[] => allRouteList.filter((route) => route.function === name);

/** What a function is granted: the union of its routes' `access`, and the longest timeout any of them needs. */
export interface FunctionAccess {
  table?: 'read' | 'readWrite';
  batchWrite: boolean;
  cognito: CognitoAction[];
  signIn: boolean;
  /** Sends e-mail (ses:SendEmail). */
  email: boolean;
  /** Run-time files of its routes, shipped beside its bundle. */
  files: string[];
  timeoutSeconds?: number;
}

export function accessOf(name: FunctionName): FunctionAccess {
  const served = routesOf(name);
  const tables = new Set(served.map((route) => route.access.table));
  const table = tables.has('readWrite') ? 'readWrite' : tables.has('read') ? 'read' : undefined;
  const timeouts = served.flatMap((route) => (route.access.timeoutSeconds ? [route.access.timeoutSeconds] : []));
  return {
    ...(table ? { table } : {}),
    batchWrite: served.some((route) => route.access.batchWrite),
    cognito: [...new Set(served.flatMap((route) => route.access.cognito ?? []))].sort(),
    signIn: served.some((route) => route.access.signIn),
    email: served.some((route) => route.access.email),
    files: [...new Set(served.flatMap((route) => route.files ?? []))],
    ...(timeouts.length > 0 ? { timeoutSeconds: Math.max(...timeouts) } : {}),
  };
}
