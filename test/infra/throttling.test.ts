// The stage's throttles (lib/throttling.ts), derived from the route table: the signed-in routes' default, the public
// routes' own limits, the arithmetic docs/throttling.md writes down (held here, so a change of a number that breaks
// it fails), the operator's overrides, and the sign-in function's reserved concurrency.
import { describe, expect, it } from 'vitest';
import { functionNames, allRouteList as routeList } from '#routes';
import { functionDescription } from '../../lib/api-stack.ts';
import { ACCOUNT_QUOTA, THROTTLES, throttleNameOf } from '../../lib/throttling.ts';
import { functionByDescription, resourcesOf, synthesizeCabinet, TEST_CONTEXT } from './cabinet-app.ts';

const { apiTemplate: template } = synthesizeCabinet();
const stageOf = (api: typeof template) =>
  Object.values(resourcesOf(api, 'AWS::ApiGatewayV2::Stage'))[0] as unknown as {
    Properties: { DefaultRouteSettings: Record<string, number>; RouteSettings: Record<string, Record<string, number>> };
    DependsOn?: string[];
  };
const stage = stageOf(template);
const routeKey = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
const isPublic = (route: { auth: string }) => route.auth === 'public' || route.auth === 'optionalUser';

describe('route throttles', () => {
  it('give every signed-in route the default: thousands of requests a second, within the account quota', () => {
    expect(stage.Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 4000, ThrottlingBurstLimit: 2000 });
    for (const route of routeList.filter((r) => !isPublic(r)))
      expect(stage.Properties.RouteSettings[routeKey(route)], route.name).toBeUndefined();
  });

  it('give every public route its own lower limit: its class for sign-in, MFA, refresh, passwords and registration, the public one else', () => {
    const publicRoutes = routeList.filter(isPublic);
    expect(Object.keys(stage.Properties.RouteSettings).sort()).toEqual(publicRoutes.map(routeKey).sort());
    for (const route of publicRoutes) {
      const { rateLimit, burstLimit } = THROTTLES[throttleNameOf(route)];
      expect(stage.Properties.RouteSettings[routeKey(route)], route.name).toEqual({
        ThrottlingRateLimit: rateLimit,
        ThrottlingBurstLimit: burstLimit,
      });
      expect(rateLimit).toBeLessThan(THROTTLES.default.rateLimit);
    }
    expect(stage.Properties.RouteSettings['POST /api/auth/login']).toEqual({ ThrottlingRateLimit: 40, ThrottlingBurstLimit: 80 });
    expect(stage.Properties.RouteSettings['POST /api/auth/forgot-password']).toEqual({ ThrottlingRateLimit: 3, ThrottlingBurstLimit: 6 });
    expect(stage.Properties.RouteSettings['GET /api/health']).toEqual({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 });
  });

  it('make the stage wait for the routes it throttles (API Gateway refuses settings for a route that does not exist yet)', () => {
    const routeIds = Object.entries(resourcesOf(template, 'AWS::ApiGatewayV2::Route'))
      .filter(([, route]) => String(route.Properties?.RouteKey) in stage.Properties.RouteSettings)
      .map(([id]) => id);
    expect(routeIds).toHaveLength(Object.keys(stage.Properties.RouteSettings).length);
    expect(stage.DependsOn).toEqual(expect.arrayContaining(routeIds));
  });

  it('hold the arithmetic of docs/throttling.md', () => {
    // No single route can take more than 40 % of the account's regional quota.
    expect(THROTTLES.default.rateLimit).toBeLessThanOrEqual(0.4 * ACCOUNT_QUOTA.rateLimit);
    expect(THROTTLES.default.burstLimit).toBeLessThanOrEqual(0.4 * ACCOUNT_QUOTA.burstLimit);
    // Cognito's UserAuthentication quota (120 rps by default) is shared by every public route that signs in: at their
    // limits together they leave at least 20 rps for the signed-in routes that re-authenticate and the hosted login.
    // Every dialect served (the default) counts: its routes that sign in take the `compat` share each.
    const signsIn = routeList.filter((route) => isPublic(route) && route.access.signIn);
    const authentication = signsIn.reduce((sum, route) => sum + THROTTLES[throttleNameOf(route)].rateLimit, 0);
    expect(
      signsIn
        .filter((route) => route.dialect === undefined)
        .map((route) => route.name)
        .sort(),
    ).toEqual(['acceptInvitation', 'login', 'loginMfa', 'refresh', 'register', 'registerCabinet'].sort());
    for (const route of signsIn.filter((r) => r.dialect !== undefined)) expect(throttleNameOf(route), route.name).toBe('compat');
    expect(authentication).toBeLessThanOrEqual(100);
    // Cognito's UserCreation quota (50 rps): the public routes that create accounts.
    const creates = routeList.filter((route) => isPublic(route) && route.access.cognito?.includes('cognito-idp:AdminCreateUser'));
    expect(creates.reduce((sum, route) => sum + THROTTLES[throttleNameOf(route)].rateLimit, 0)).toBeLessThanOrEqual(50);
  });

  it('take the operator’s overrides from the throttles context, and refuse an unknown class or a value past the account quota', () => {
    const raised = stageOf(
      synthesizeCabinet({
        context: {
          ...TEST_CONTEXT,
          throttles: '{"signIn":{"rateLimit":200,"burstLimit":400},"default":{"rateLimit":6000,"burstLimit":3000}}',
        },
      }).apiTemplate,
    );
    expect(raised.Properties.RouteSettings['POST /api/auth/login']).toEqual({ ThrottlingRateLimit: 200, ThrottlingBurstLimit: 400 });
    expect(raised.Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 6000, ThrottlingBurstLimit: 3000 });
    expect(raised.Properties.RouteSettings['POST /api/auth/refresh']).toEqual({ ThrottlingRateLimit: 30, ThrottlingBurstLimit: 60 });
    expect(() => synthesizeCabinet({ context: { ...TEST_CONTEXT, throttles: '{"login":{"rateLimit":1,"burstLimit":1}}' } })).toThrow(
      /login is not a throttle/,
    );
    expect(() => synthesizeCabinet({ context: { ...TEST_CONTEXT, throttles: '{"signIn":{"rateLimit":20000,"burstLimit":1}}' } })).toThrow(
      /throttles.signIn must be/,
    );
  });
});

describe('reserved concurrency', () => {
  it('is none by default (a new account has 10 in all and Lambda keeps 100 unreserved), and what reservedConcurrency says', () => {
    for (const name of functionNames) {
      expect(functionByDescription(template, functionDescription(name))[1].Properties?.ReservedConcurrentExecutions, name).toBeUndefined();
    }
    const reserved = synthesizeCabinet({ context: { ...TEST_CONTEXT, reservedConcurrency: '{"sessions":100}' } }).apiTemplate;
    expect(functionByDescription(reserved, functionDescription('sessions'))[1].Properties?.ReservedConcurrentExecutions).toBe(100);
    expect(functionByDescription(reserved, functionDescription('member-read'))[1].Properties?.ReservedConcurrentExecutions).toBeUndefined();
    expect(() => synthesizeCabinet({ context: { ...TEST_CONTEXT, reservedConcurrency: '{"login":5}' } })).toThrow(
      /login is not a function/,
    );
    expect(() => synthesizeCabinet({ context: { ...TEST_CONTEXT, reservedConcurrency: '{"sessions":0}' } })).toThrow(
      /must be a positive integer/,
    );
  });
});
