// The route table: the single source of truth for the API. CDK builds one API Gateway route per entry, integrated
// with the function the entry names (one Lambda per privilege class, docs/adr/0005-routes-to-functions.md); the
// local gateway serves the same functions; the OpenAPI document is generated from it. Each area keeps its routes in
// functions/routes/<area>.ts; handlers import their area module only.
import { accountRoutes } from './routes/account.ts';
import { authRoutes } from './routes/auth.ts';
import { integrationsRoutes } from './routes/integrations.ts';
import { membersRoutes } from './routes/members.ts';
import { organisationsRoutes } from './routes/organisations.ts';
import { patientsRoutes } from './routes/patients.ts';
import { platformRoutes } from './routes/platform.ts';
import { registrationRoutes } from './routes/registration.ts';
import { systemRoutes } from './routes/system.ts';
import type { CognitoAction, FunctionName, RouteDef } from './routes/types.ts';

export type { CognitoAction, FunctionName, HttpMethod, ResponseDef, RouteDef, ThrottleClass } from './routes/types.ts';

export const routes = {
  ...systemRoutes,
  ...authRoutes,
  ...accountRoutes,
  ...patientsRoutes,
  ...registrationRoutes,
  ...organisationsRoutes,
  ...membersRoutes,
  ...integrationsRoutes,
  ...platformRoutes,
} as const satisfies Record<string, RouteDef>;

export type RouteName = keyof typeof routes;

/** The Cognito pre-token-generation trigger module under functions/. */
export const preTokenTrigger = 'triggers/pre-token-generation';

export const routeList: readonly (RouteDef & { name: string })[] = Object.entries(routes).map(([name, route]) => ({
  name,
  ...(route as RouteDef),
}));

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
export const routesOf = (name: FunctionName): (RouteDef & { name: string })[] => routeList.filter((route) => route.function === name);

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
