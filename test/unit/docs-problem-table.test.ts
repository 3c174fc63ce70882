import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBLEMS } from '#http/problems';

describe('README error vocabulary', () => {
  it('lists every problem type with its status and title, and none that does not exist', () => {
    const readme = readFileSync('docs/api.md', 'utf8');
    const table = readme.slice(readme.indexOf('<!-- problems:start -->'), readme.indexOf('<!-- problems:end -->'));
    const documented = [...table.matchAll(/^\| `([a-z-]+)` \| (\d{3}) \| ([^|]+) \|/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]?.trim()}`);
    const actual = Object.entries(PROBLEMS).map(([name, { status, title }]) => `${name} ${status} ${title}`);
    expect(documented.sort()).toEqual(actual.sort());
  });
});
