// `npx tsx scripts/flow-files.ts`: how many files of functions/ (and in how many folders) the code path of a flow
// loads: its routes' declarations bundled with the CDK esbuild settings into one module, each pipeline built as its
// function's entry builds it, counted from esbuild's metafile. "loaded" is every functions/ module esbuild reads for
// the flow; "in the bundle" those that leave code in it (the rest are tree-shaken away entirely).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Route, routes } from '#routes';
import { esbuildOptions } from '../lib/bundling.ts';

const root = fileURLToPath(new URL('../', import.meta.url));

/** The flows issue 16 measures, by the routes a client calls in them. */
export const FLOWS: Readonly<Record<string, readonly Route[]>> = {
  'register-cabinet': [routes.registerCabinet],
  'invite + accept': [routes.createInvitation, routes.acceptInvitation],
  'list patients': [routes.listPatients],
};

function source(flow: readonly Route[]): string {
  const lines = flow.map(
    (route, index) => `import { ${route.name} as r${index} } from '${join(root, 'functions/routes', route.area)}.ts';`,
  );
  // Only the binders the flow's routes need, as a generated entry imports them.
  if (flow.some((route) => route.auth !== 'public'))
    lines.push(`import { httpHandler } from '${join(root, 'functions/http/handler.ts')}';`);
  if (flow.some((route) => route.idempotent)) lines.push(`import { idempotent } from '${join(root, 'functions/http/idempotency.ts')}';`);
  if (flow.some((route) => route.auth === 'public'))
    lines.push(`import { publicHandler } from '${join(root, 'functions/http/public-handler.ts')}';`);
  const pipelines = flow.map((route, index) => {
    const binder = route.auth === 'public' ? 'publicHandler' : 'httpHandler';
    return route.idempotent ? `${binder}(r${index}, { idempotency: idempotent(r${index}.replay) })` : `${binder}(r${index})`;
  });
  return `${lines.join('\n')}\nexport const handlers = [${pipelines.join(', ')}];\n`;
}

export async function flowFiles(name: string, flow: readonly Route[], workDir: string) {
  const entry = join(workDir, `${name.replace(/\W+/g, '-')}.ts`);
  writeFileSync(entry, source(flow));
  const { metafile } = await build({ ...esbuildOptions(entry, `${entry}.mjs`), metafile: true, write: false, logLevel: 'silent' });
  const output = Object.entries(metafile.outputs).find(([path]) => path.endsWith('.mjs'))?.[1];
  const ours = (path: string) => relative(root, join(root, path)).startsWith('functions/');
  const loaded = Object.keys(metafile.inputs).filter(ours);
  const used = Object.entries(output?.inputs ?? {})
    .filter(([path, input]) => ours(path) && input.bytesInOutput > 0)
    .map(([path]) => path);
  const folders = (files: string[]) => new Set(files.map((file) => dirname(relative(join(root, 'functions'), join(root, file))))).size;
  return { loaded: loaded.length, loadedFolders: folders(loaded), used: used.length, usedFolders: folders(used) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const workDir = join(root, '.bench', 'flows');
  mkdirSync(workDir, { recursive: true });
  for (const [name, flow] of Object.entries(FLOWS)) {
    const counted = await flowFiles(name, flow, workDir);
    console.log(
      `${name.padEnd(18)} loaded ${counted.loaded} files in ${counted.loadedFolders} folders; in the bundle ${counted.used} files in ${counted.usedFolders} folders`,
    );
  }
}
