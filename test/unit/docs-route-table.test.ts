import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type RouteDef, routeList } from '#routes';

/** Each area module's routes, in table order. */
const AREAS: Record<string, RouteDef[]> = {};
for (const route of routeList) AREAS[route.area] = [...(AREAS[route.area] ?? []), route];

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
    const expected = Object.fromEntries(Object.entries(AREAS).map(([area, routes]) => [area, routes.map(keyOf)]));
    expect(documented).toEqual(expected);
  });
});
