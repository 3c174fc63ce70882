// The project's own laws as Biome rules (biome.json's overrides and .biome/lazy-schemas.grit) really fire: Biome,
// with the project's configuration, lints small fixture files laid out like the tree, and the real tree is clean.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIOME = resolve('node_modules/.bin/biome');

interface Diagnostic {
  category: string;
  severity: string;
  message: string;
  location: { path: string };
}

/** Biome's JSON report of `dir` (it exits non-zero when it finds an error; the report is what matters). */
async function lint(dir: string): Promise<Diagnostic[]> {
  const output = await run(BIOME, ['lint', '--reporter=json', '--max-diagnostics=none', '.'], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }));
  const report = JSON.parse(output.stdout) as { diagnostics: (Omit<Diagnostic, 'message'> & { message: unknown })[] };
  return report.diagnostics.map((diagnostic) => ({
    ...diagnostic,
    message: typeof diagnostic.message === 'string' ? diagnostic.message : JSON.stringify(diagnostic.message),
  }));
}

const FIXTURES: Record<string, string> = {
  // A repository (and an adapter) importing an HTTP module: refused.
  'functions/repositories/imports-http.ts': "import { json } from '#http/problem';\n\nexport const reply = json;\n",
  'functions/adapters/imports-http.ts': "import { problem } from '../http/problem.ts';\n\nexport const reply = problem;\n",
  // A module other than the auth middleware creating a TenantContext: refused.
  'functions/use-cases/creates-tenant.ts': "import { verifiedTenant } from '#domain/tenant';\n\nexport const make = verifiedTenant;\n",
  // The auth middleware may.
  'functions/http/authenticate.ts': "import { verifiedTenant } from '#domain/tenant';\n\nexport const make = verifiedTenant;\n",
  // An eager module-level schema: refused; the lazy form passes.
  'functions/schemas/eager.ts': "import * as z from 'zod/mini';\n\nexport const eager = z.object({ name: z.string() });\n",
  'functions/schemas/checked.ts': "import * as z from 'zod/mini';\n\nexport const checked = z.string().check(z.minLength(1));\n",
  'functions/schemas/lazy-ok.ts':
    "import * as z from 'zod/mini';\nimport { lazy } from './lazy.ts';\n\nexport const fine = /* @__PURE__ */ lazy(() => z.object({ name: z.string() }));\n",
  // A refusal built in place (a use case, the local gateway): refused; the catalogue builds them, and a use case
  // calling its constructor passes.
  'functions/use-cases/inline-refusal.ts':
    "import { Refusal } from '#domain/refusals';\n\nexport const notFound = () => new Refusal('patient-not-found', 'Patient not found.');\n",
  'local/inline-refusal.ts':
    "import { Refusal } from '#domain/refusals';\n\nexport const busy = () => new Refusal('not-ready', 'Wait.');\n",
  'functions/domain/refusals.ts':
    "export class Refusal extends Error {}\n\nexport const patientNotFound = () => new Refusal('Patient not found.');\n",
  'functions/use-cases/catalogue-refusal.ts':
    "import * as refusals from '#domain/refusals';\n\nexport const notFound = () => refusals.patientNotFound();\n",
};

describe("the project's Biome rules", () => {
  const dir = mkdtempSync(join(tmpdir(), 'cabinet-biome-'));
  let diagnostics: Diagnostic[];
  const at = (path: string) => diagnostics.filter((diagnostic) => diagnostic.location.path === path);

  beforeAll(async () => {
    // The real configuration and plugin; only version control is off (the fixtures are not a repository).
    const config = JSON.parse(readFileSync('biome.json', 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'biome.json'), JSON.stringify({ ...config, vcs: { enabled: false } }));
    cpSync('.biome', join(dir, '.biome'), { recursive: true });
    for (const [path, source] of Object.entries(FIXTURES)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), source);
    }
    diagnostics = await lint(dir);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses an HTTP module imported by a repository or an adapter', () => {
    for (const path of ['functions/repositories/imports-http.ts', 'functions/adapters/imports-http.ts']) {
      expect(at(path), path).toEqual([
        expect.objectContaining({ category: 'lint/style/noRestrictedImports', message: expect.stringContaining('only functions/http') }),
      ]);
    }
  });

  it('refuses verifiedTenant outside the auth middleware, and allows it there', () => {
    expect(at('functions/use-cases/creates-tenant.ts')).toEqual([
      expect.objectContaining({ category: 'lint/style/noRestrictedImports', message: expect.stringContaining('Only the auth middleware') }),
    ]);
    expect(at('functions/http/authenticate.ts')).toEqual([]);
  });

  it('refuses an eager module-level schema under functions/schemas, and passes the lazy form', () => {
    for (const path of ['functions/schemas/eager.ts', 'functions/schemas/checked.ts']) {
      expect(at(path), path).toEqual([
        expect.objectContaining({ category: 'plugin', message: expect.stringContaining('Module-level schemas must be lazy') }),
      ]);
    }
    expect(at('functions/schemas/lazy-ok.ts')).toEqual([]);
  });

  it('refuses `new Refusal(` outside the catalogue, and allows it there', () => {
    for (const path of ['functions/use-cases/inline-refusal.ts', 'local/inline-refusal.ts']) {
      expect(at(path), path).toEqual([
        expect.objectContaining({ category: 'plugin', message: expect.stringContaining("catalogue's constructors") }),
      ]);
    }
    expect(at('functions/domain/refusals.ts')).toEqual([]);
    expect(at('functions/use-cases/catalogue-refusal.ts')).toEqual([]);
  });

  it('finds nothing to report in the real tree', async () => {
    expect((await lint('.')).map((diagnostic) => `${diagnostic.location.path}: ${diagnostic.category}`)).toEqual([]);
  }, 60_000);
});
