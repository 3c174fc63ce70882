import { describe, expect, it } from 'vitest';
import { PROBLEMS } from '#http/problems';
import { routeList, routes } from '#routes';
import { routeProblems } from '#routes/problems';

describe('routeProblems', () => {
  it('gives a public route without input only the internal error, and what its own use case declares', () => {
    expect(routeProblems(routes.openapi)).toEqual(['internal-error']);
    expect(routeProblems(routes.health)).toEqual(['internal-error', 'not-ready']);
  });

  it('adds what a scoped member route with a body and a permission shares with its kind', () => {
    const problems = routeProblems(routes.addMember);
    for (const shared of [
      'validation-error',
      'malformed-json',
      'missing-body',
      'unsupported-media-type',
      'payload-too-large',
      'missing-token',
      'invalid-token',
      'membership-inactive',
      'organisation-suspended',
      'organisation-not-found',
      'permission-denied',
      'transaction-conflict',
    ] as const) {
      expect(problems, shared).toContain(shared);
    }
    expect(problems).toContain('organisation-full');
  });

  it('never lets a caller route answer a membership refusal it cannot meet', () => {
    expect(routeProblems(routes.refresh)).not.toContain('permission-denied');
    expect(routeProblems(routes.refresh)).not.toContain('missing-token');
    expect(routeProblems(routes.platformListOrganisations)).toContain('super-admin-only');
  });

  it('declares only names of the vocabulary, each once', () => {
    for (const route of routeList) {
      const problems = routeProblems(route);
      expect(new Set(problems).size, route.name).toBe(problems.length);
      for (const name of problems) expect(PROBLEMS[name], `${route.name}: ${name}`).toBeDefined();
    }
  });
});
