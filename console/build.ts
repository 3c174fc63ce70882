// Builds the console into console/dist/: esbuild bundles src/main.tsx (Preact, the typed client, qrcode-generator)
// into one minified ES module, next to index.html and the stylesheet. npm start, the browser test and synth call it.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const CONSOLE_DIST = fileURLToPath(new URL('./dist/', import.meta.url));
const source = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** Builds and returns the script's size, raw and gzipped, in bytes. */
export async function buildConsole(): Promise<{ bytes: number; gzipBytes: number }> {
  mkdirSync(CONSOLE_DIST, { recursive: true });
  await build({
    entryPoints: [source('./src/main.tsx')],
    outfile: `${CONSOLE_DIST}console.js`,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
  });
  copyFileSync(source('./index.html'), `${CONSOLE_DIST}index.html`);
  copyFileSync(source('./console.css'), `${CONSOLE_DIST}console.css`);
  const script = readFileSync(`${CONSOLE_DIST}console.js`);
  return { bytes: script.length, gzipBytes: gzipSync(script).length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { bytes, gzipBytes } = await buildConsole();
  console.log(`console/dist/console.js: ${(bytes / 1024).toFixed(1)} KB, ${(gzipBytes / 1024).toFixed(1)} KB gzipped`);
}
