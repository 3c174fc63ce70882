// The route table: the single source of truth for the API. CDK builds API Gateway routes and functions from it,
// the local gateway serves the same handler modules from it, and the OpenAPI document is generated from it.
// Each area keeps its routes in functions/routes/<area>.ts; handlers import their area module only.
import { authRoutes } from './routes/auth.ts';
import { membersRoutes } from './routes/members.ts';
import { organisationsRoutes } from './routes/organisations.ts';
import { patientsRoutes } from './routes/patients.ts';
import { platformRoutes } from './routes/platform.ts';
import { registrationRoutes } from './routes/registration.ts';
import { systemRoutes } from './routes/system.ts';
import type { RouteDef } from './routes/types.ts';

export type { CognitoAction, HttpMethod, ResponseDef, RouteDef } from './routes/types.ts';

export const routes = {
  ...systemRoutes,
  ...authRoutes,
  ...patientsRoutes,
  ...registrationRoutes,
  ...organisationsRoutes,
  ...membersRoutes,
  ...platformRoutes,
} as const satisfies Record<string, RouteDef>;

export type RouteName = keyof typeof routes;

/** Answers every request no route matches: 404, or 405 with Allow when the path exists under another method. */
export const fallbackHandler = 'system/not-found';
/** The Cognito pre-token-generation trigger module under functions/. */
export const preTokenTrigger = 'triggers/pre-token-generation';

export const routeList: readonly (RouteDef & { name: string })[] = Object.entries(routes).map(([name, route]) => ({
  name,
  ...(route as RouteDef),
}));
