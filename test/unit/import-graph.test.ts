// The import graph of the code that ships or runs it (functions/, lib/, local/, scripts/): no module reaches itself
// through its imports (type-only imports count: a circle through types still ties two modules' meaning together),
// and the lower layers of functions/ import only what docs/architecture.md says they may. Imports are read with
// TypeScript's own pre-processor (static, `export … from` and dynamic `import()`), resolved like package.json's
// `imports` aliases and relative paths.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const aliases = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { imports: Record<string, string> }).imports;

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'static') sources(path, out);
    } else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The file an import specifier names, or undefined for a package (or a file that does not exist). */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  let target: string | undefined;
  if (specifier.startsWith('.')) target = resolve(dirname(from), specifier);
  else if (specifier.startsWith('#')) {
    for (const [alias, path] of Object.entries(aliases)) {
      if (alias.endsWith('/*') && specifier.startsWith(alias.slice(0, -1))) {
        target = resolve(root, path.replace('*', specifier.slice(alias.length - 1)));
        break;
      }
      if (alias === specifier) {
        target = resolve(root, path);
        break;
      }
    }
  }
  return target && existsSync(target) && statSync(target).isFile() ? target : undefined;
}

const files = ['functions', 'lib', 'local', 'scripts'].flatMap((dir) => sources(join(root, dir)));
const graph = new Map<string, string[]>(
  files.map((file) => {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles.map((entry) => resolveSpecifier(file, entry.fileName)).filter((path) => path !== undefined);
    return [relative(root, file), [...new Set(targets.map((path) => relative(root, path)))]];
  }),
);

/** The strongly connected components of more than one module (Tarjan): each is an import circle. */
function circles(edges: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return found;
}

/** `functions/<folder>` of a module under functions/ (`functions/routes.ts` is `functions/routes`), else its top folder. */
const folderOf = (path: string) => {
  const [top, second] = path.split('/');
  return top === 'functions' && second ? `functions/${second.replace(/\.ts$/, '')}` : (top ?? path);
};

/** The folders each lower layer of functions/ may import besides itself (docs/architecture.md, the code map). */
const MAY_IMPORT: Record<string, string[]> = {
  'functions/core': [],
  'functions/domain': ['functions/core'],
  'functions/schemas': ['functions/core', 'functions/domain'],
  'functions/adapters': ['functions/core', 'functions/domain'],
  'functions/repositories': ['functions/adapters', 'functions/core', 'functions/domain'],
  // A feature folder (docs/adr/0010-feature-folders.md): the kernel and the repositories' shared parts, never above.
  'functions/mail': ['functions/adapters', 'functions/core', 'functions/domain', 'functions/repositories'],
  'functions/webhooks': ['functions/adapters', 'functions/core', 'functions/domain', 'functions/mail', 'functions/repositories'],
  'functions/use-cases': [
    'functions/adapters',
    'functions/core',
    'functions/domain',
    'functions/mail',
    'functions/repositories',
    'functions/schemas',
    'functions/webhooks',
  ],
};

describe('the import graph', () => {
  it('reads the modules it checks (and their imports)', () => {
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get('functions/http/pipeline.ts')).toContain('functions/http/exchange.ts');
    expect(graph.get('functions/schemas/registration.ts')).toContain('functions/domain/join-request.ts');
  });

  it('finds a circle when there is one (the check itself)', () => {
    const edges = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
    ]);
    expect(circles(edges)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    expect(
      circles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('has no import circle in functions/, lib/, local/ or scripts/', () => {
    expect(circles(graph)).toEqual([]);
  });

  it.each(Object.entries(MAY_IMPORT))('%s imports only its own folder and %j', (folder, allowed) => {
    const arrows = [...graph].flatMap(([file, targets]) =>
      folderOf(file) === folder
        ? targets
            .filter((target) => folderOf(target) !== folder && !allowed.includes(folderOf(target)))
            .map((target) => `${file} -> ${target}`)
        : [],
    );
    expect(arrows).toEqual([]);
  });
});
