// Builds the console into console/dist/: esbuild bundles src/main.tsx (Preact, the typed client, qrcode-generator)
// into one minified ES module, next to index.html and the stylesheet. npm start and the browser test call
// buildConsole; synth bundles the deployed console with buildConsoleInto (lib/console.ts).
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build, buildSync } from 'esbuild';

export const CONSOLE_DIST = fileURLToPath(new URL('./dist/', import.meta.url));
const source = (file: string) => fileURLToPath(new URL(file, import.meta.url));

const options = (outdir: string): BuildOptions => ({
  entryPoints: [source('./src/main.tsx')],
  outfile: join(outdir, 'console.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  logLevel: 'warning',
});

const copyStatic = (outdir: string) => {
  copyFileSync(source('./index.html'), join(outdir, 'index.html'));
  copyFileSync(source('./console.css'), join(outdir, 'console.css'));
};

/** Builds into console/dist/ and returns the script's size, raw and gzipped, in bytes. */
export async function buildConsole(): Promise<{ bytes: number; gzipBytes: number }> {
  mkdirSync(CONSOLE_DIST, { recursive: true });
  await build(options(CONSOLE_DIST));
  copyStatic(CONSOLE_DIST);
  const script = readFileSync(`${CONSOLE_DIST}console.js`);
  return { bytes: script.length, gzipBytes: gzipSync(script).length };
}

/** The same build into `outdir`, synchronously: CDK's local bundling of the deployed console (lib/console.ts). */
export function buildConsoleInto(outdir: string): void {
  mkdirSync(outdir, { recursive: true });
  buildSync(options(outdir));
  copyStatic(outdir);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { bytes, gzipBytes } = await buildConsole();
  console.log(`console/dist/console.js: ${(bytes / 1024).toFixed(1)} KB, ${(gzipBytes / 1024).toFixed(1)} KB gzipped`);
}
