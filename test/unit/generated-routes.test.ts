// What scripts/generate-routes.ts derives from the route declarations (functions/routes/<area>.ts) is committed:
// the route table's data (functions/routes/manifest.json), each function's entry (functions/entries/) and the API
// guide's route tables (docs/api.md). This fails
// when a declaration changed and `npm run generate:routes` was not run, and says which file is stale.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { derivedRouteFiles } from '../../scripts/generate-routes.ts';

const derived = await derivedRouteFiles();

describe('files derived from the route declarations', () => {
  it('derives the manifest, one entry per function and the API guide', () => {
    expect([...derived.keys()].sort()).toEqual(
      [
        'docs/api.md',
        'functions/entries/account-admin.ts',
        'functions/entries/member-read.ts',
        'functions/entries/member-write.ts',
        'functions/entries/platform.ts',
        'functions/entries/sessions.ts',
        'functions/entries/system.ts',
        'functions/routes/manifest.json',
      ].sort(),
    );
  });

  it.each([...derived.keys()])('%s is as the declarations give it (else: npm run generate:routes)', (path) => {
    expect(readFileSync(path, 'utf8')).toBe(derived.get(path));
  });
});
