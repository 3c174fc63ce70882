import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routeList } from '#routes';

describe('README route table', () => {
  it('lists every route of the route table, and no route that does not exist', () => {
    const readme = readFileSync('docs/api.md', 'utf8');
    const table = readme.slice(readme.indexOf('<!-- routes:start -->'), readme.indexOf('<!-- routes:end -->'));
    const documented = [...table.matchAll(/^\| (GET|POST|PATCH|PUT|DELETE) \| (\S+) \|/gm)].map((m) => `${m[1]} ${m[2]}`);
    const actual = routeList.map((route) => `${route.method} ${route.path}`);
    expect(documented.sort()).toEqual(actual.sort());
  });
});
