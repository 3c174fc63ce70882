import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMatcher } from '#http/match';
import { accessOf, entryOf, type FunctionName, functionNames, preTokenTrigger, type RouteDef, routeList, routes, routesOf } from '#routes';

const matchRoute = createMatcher(routeList);
const key = (route: RouteDef) => `${route.method} ${route.path}`;

describe('route table', () => {
  it('names an entry module for every function', () => {
    for (const name of functionNames) expect(existsSync(`functions/${entryOf(name)}.ts`), name).toBe(true);
    expect(existsSync(`functions/${preTokenTrigger}.ts`)).toBe(true);
  });

  it('declares each method + path once', () => {
    const keys = routeList.map(key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('requires a permission on every member route that touches tenant data', () => {
    for (const route of routeList.filter((r) => r.auth === 'member' && r.path.startsWith('/api/patients'))) {
      expect(route.permission, route.name).toBeDefined();
    }
  });

  // Anyone can call a public route, and these spend shared quotas (Cognito's request rates, SES's sending rate):
  // each has its own API Gateway throttle (lib/throttling.ts), so a flood on one cannot use up sign-in's share.
  it('gives every public route that reaches Cognito or sends mail a throttle class of its own, and only those', () => {
    const isPublic = (route: RouteDef) => route.auth === 'public' || route.auth === 'optionalUser';
    const spendsQuota = (route: RouteDef) => Boolean(route.access.signIn || route.access.email || (route.access.cognito ?? []).length > 0);
    for (const route of routeList.filter((r) => isPublic(r) && spendsQuota(r))) expect(route.throttle, route.name).toBeDefined();
    for (const route of routeList.filter((r) => r.throttle)) expect(isPublic(route) && spendsQuota(route), route.name).toBe(true);
    const classOf = Object.fromEntries(routeList.filter((r) => r.throttle).map((r) => [key(r), r.throttle]));
    expect(classOf).toMatchObject({
      'POST /api/auth/login': 'signIn',
      'POST /api/auth/login/mfa': 'mfa',
      'POST /api/auth/refresh': 'refresh',
      'POST /api/auth/forgot-password': 'passwordReset',
      'POST /api/auth/reset-password': 'passwordReset',
      'POST /api/auth/register-cabinet': 'registration',
      'POST /api/auth/register': 'registration',
    });
  });
});

// The assignment is explicit in the route data (`function`); these are the rules it must follow, so that a route
// can never widen its function's privileges or sit in a function whose callers it does not share.
describe('route table: every route in the function of its privilege class', () => {
  const rules: Record<FunctionName, (route: RouteDef) => boolean> = {
    system: (route) => route.auth === 'public' && Object.keys(route.access).length === 0,
    // Public account routes that touch data (sign-in, registration, proving an address) and every route that signs in.
    sessions: (route) =>
      route.access.signIn === true || ((route.auth === 'public' || route.auth === 'optionalUser') && Object.keys(route.access).length > 0),
    'member-read': (route) =>
      (route.auth === 'member' || route.auth === 'user') && route.access.table === 'read' && !route.access.cognito && !route.access.signIn,
    'member-write': (route) =>
      (route.auth === 'member' || route.auth === 'user') &&
      route.access.table === 'readWrite' &&
      !route.access.cognito &&
      !route.access.batchWrite &&
      !route.access.signIn,
    'account-admin': (route) =>
      (route.auth === 'member' || route.auth === 'user') &&
      ((route.access.cognito?.length ?? 0) > 0 || route.access.batchWrite === true) &&
      !route.access.signIn,
    // Super-admins only; creating a person's account in any organisation needs Cognito's user administration.
    platform: (route) => route.auth === 'superAdmin' && !route.access.signIn,
  };

  it.each(routeList.map((route) => ({ route, name: key(route) })))('$name belongs in its function', ({ route }) => {
    expect(functionNames).toContain(route.function);
    expect(rules[route.function](route), `${key(route)} in ${route.function}`).toBe(true);
    // …and in no other class: the classes do not overlap.
    const fits = functionNames.filter((name) => rules[name](route));
    expect(fits).toEqual([route.function]);
  });

  it("declares BatchWriteItem on no route: deleting an organisation is the deletion worker's job", () => {
    expect(routeList.filter((route) => route.access.batchWrite).map(key)).toEqual([]);
  });

  it('gives every function at least one route', () => {
    for (const name of functionNames) expect(routesOf(name).length, name).toBeGreaterThan(0);
  });

  it('grants each function the union of its routes’ access and the longest timeout', () => {
    const none = { batchWrite: false, cognito: [], signIn: false, email: false, files: [] };
    expect(accessOf('system')).toEqual({ ...none, files: routes.docsFile.files });
    expect(accessOf('member-read')).toEqual({ ...none, table: 'read' });
    expect(accessOf('member-write')).toEqual({ ...none, table: 'readWrite', email: true });
    expect(accessOf('platform')).toEqual({
      ...none,
      table: 'readWrite',
      cognito: [
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDeleteUser',
        'cognito-idp:AdminGetUser',
        'cognito-idp:AdminSetUserPassword',
      ],
      email: true,
    });
    expect(accessOf('sessions')).toEqual({
      ...none,
      table: 'readWrite',
      cognito: [
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDeleteUser',
        'cognito-idp:AdminGetUser',
        'cognito-idp:AdminSetUserPassword',
        'cognito-idp:AdminUpdateUserAttributes',
        'cognito-idp:AdminUserGlobalSignOut',
      ],
      signIn: true,
      email: true,
    });
    expect(accessOf('account-admin')).toEqual({
      table: 'readWrite',
      batchWrite: false,
      cognito: [
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminDeleteUser',
        'cognito-idp:AdminGetUser',
        'cognito-idp:AdminSetUserPassword',
        'cognito-idp:AdminUpdateUserAttributes',
      ],
      signIn: false,
      // Inviting an existing account tells it by e-mail.
      email: true,
      files: [],
    });
  });

  it("serves a member's session from cold (me, list/get/update a patient, members, audit) with at most 2 functions", () => {
    const session = [
      ['GET', '/api/auth/me'],
      ['GET', '/api/patients'],
      ['GET', '/api/patients/p-1'],
      ['PATCH', '/api/patients/p-1'],
      ['GET', '/api/organisations/o-1/members'],
      ['GET', '/api/organisations/o-1/audit'],
    ] as const;
    const functions = session.map(([method, path]) => {
      const match = matchRoute(method, path);
      if (match.kind !== 'route') throw new Error(`${method} ${path} matches no route`);
      return match.route.function;
    });
    expect(new Set(functions)).toEqual(new Set(['member-read', 'member-write']));
  });
});

describe('createMatcher', () => {
  it('extracts path parameters', () => {
    const match = matchRoute('GET', '/api/patients/abc-123');
    expect(match).toMatchObject({ kind: 'route', params: { id: 'abc-123' } });
  });

  it('tells a wrong method from an unknown path', () => {
    expect(matchRoute('PUT', '/api/patients')).toEqual({ kind: 'method-not-allowed', allowed: ['POST', 'GET'] });
    expect(matchRoute('GET', '/api/unknown')).toEqual({ kind: 'not-found' });
  });

  it('matches only the routes it was given', () => {
    const reads = createMatcher(routesOf('member-read'));
    expect(reads('GET', '/api/patients/abc')).toMatchObject({ kind: 'route', route: { function: 'member-read' } });
    expect(reads('PATCH', '/api/patients/abc')).toEqual({ kind: 'method-not-allowed', allowed: ['GET'] });
    expect(reads('POST', '/api/auth/login')).toEqual({ kind: 'not-found' });
  });
});
