import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { matchRoute } from '#http/match';
import { fallbackHandler, preTokenTrigger, routeList } from '#routes';

describe('route table', () => {
  it('names an existing handler module for every route', () => {
    for (const route of routeList) expect(existsSync(`functions/handlers/${route.handler}.ts`), route.handler).toBe(true);
    expect(existsSync(`functions/handlers/${fallbackHandler}.ts`)).toBe(true);
    expect(existsSync(`functions/${preTokenTrigger}.ts`)).toBe(true);
  });

  it('declares each method + path once', () => {
    const keys = routeList.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('requires a permission on every member route that touches tenant data', () => {
    for (const route of routeList.filter((r) => r.auth === 'member' && r.path.startsWith('/api/patients'))) {
      expect(route.permission, route.name).toBeDefined();
    }
  });
});

describe('matchRoute', () => {
  it('extracts path parameters', () => {
    const match = matchRoute('GET', '/api/patients/abc-123');
    expect(match).toMatchObject({ kind: 'route', params: { id: 'abc-123' } });
  });

  it('tells a wrong method from an unknown path', () => {
    expect(matchRoute('PUT', '/api/patients')).toEqual({ kind: 'method-not-allowed', allowed: ['POST', 'GET'] });
    expect(matchRoute('GET', '/api/unknown')).toEqual({ kind: 'not-found' });
  });
});
