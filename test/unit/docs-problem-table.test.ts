import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROBLEMS } from '#http/problems';

describe('API guide problem vocabulary (docs/api.md)', () => {
  it('lists every problem type with its status and title, and none that does not exist', () => {
    const page = readFileSync('docs/api.md', 'utf8');
    const table = page.slice(page.indexOf('<!-- problems:start -->'), page.indexOf('<!-- problems:end -->'));
    const documented = [...table.matchAll(/^\| `([a-z-]+)` \| (\d{3}) \| ([^|]+) \|/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]?.trim()}`);
    const actual = Object.entries(PROBLEMS).map(([name, { status, title }]) => `${name} ${status} ${title}`);
    expect(documented.sort()).toEqual(actual.sort());
  });
});
