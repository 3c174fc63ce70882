import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type RouteDef, routeList } from '#routes';
import { accountRoutes } from '#routes/account';
import { authRoutes } from '#routes/auth';
import { integrationsRoutes } from '#routes/integrations';
import { membersRoutes } from '#routes/members';
import { organisationsRoutes } from '#routes/organisations';
import { patientsRoutes } from '#routes/patients';
import { platformRoutes } from '#routes/platform';
import { registrationRoutes } from '#routes/registration';
import { systemRoutes } from '#routes/system';

const AREAS: Record<string, Record<string, RouteDef>> = {
  system: systemRoutes,
  auth: authRoutes,
  account: accountRoutes,
  patients: patientsRoutes,
  registration: registrationRoutes,
  organisations: organisationsRoutes,
  members: membersRoutes,
  integrations: integrationsRoutes,
  platform: platformRoutes,
};

const page = readFileSync('docs/api.md', 'utf8');
const table = page.slice(page.indexOf('<!-- routes:start -->'), page.indexOf('<!-- routes:end -->'));
const rowsOf = (text: string) => [...text.matchAll(/^\| (GET|POST|PATCH|PUT|DELETE) \| (\S+) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
const keyOf = (route: RouteDef) => `${route.method} ${route.path}`;

describe('API guide route table (docs/api.md)', () => {
  it('lists every route of the route table, and no route that does not exist', () => {
    expect(rowsOf(table).sort()).toEqual(routeList.map(keyOf).sort());
  });

  it("lists each route under its area's table (functions/routes/<area>.ts), in table order", () => {
    // Each area's table follows the line naming its module.
    const blocks = table.split(/^Declared in `functions\/routes\/([a-z-]+)\.ts`\.$/m).slice(1);
    const documented = Object.fromEntries(
      Array.from({ length: blocks.length / 2 }, (_, i) => [blocks[2 * i], rowsOf(blocks[2 * i + 1] ?? '')] as const),
    );
    const expected = Object.fromEntries(Object.entries(AREAS).map(([area, routes]) => [area, Object.values(routes).map(keyOf)]));
    expect(documented).toEqual(expected);
  });
});
