// The one place the Lambda runtime and the esbuild settings live: CDK bundles the Lambda code with them and the
// benchmark builds with them too.

import { basename, join } from 'node:path';
import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { type BundlingOptions, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/**
 * The Lambda runtime of every Cabinet function. Moving to Node 24 is this one line (`Runtime.NODEJS_24_X`): the
 * esbuild target, the bench's Node and the cdk-nag note follow from it. Run `npx -y node@24 node_modules/vitest/vitest.mjs
 * run` first (docs/operations.md: deploy), and move .nvmrc along for local runs.
 */
export const LAMBDA_RUNTIME = Runtime.NODEJS_22_X;

/** The Node major of LAMBDA_RUNTIME (`nodejs22.x` → 22); the bench loads bundles on it. */
export const LAMBDA_NODE_MAJOR = Number(/^nodejs(\d+)\.x$/.exec(LAMBDA_RUNTIME.name)?.[1]);

/** esbuild target: the Lambda runtime's Node. */
export const ESBUILD_TARGET = `node${LAMBDA_NODE_MAJOR}`;

// ESM output has no `require`; some bundled CommonJS dependencies still call it for Node built-ins,
// so the bundle gets one from createRequire. The alias avoids clashing with an import of the same name.
export const REQUIRE_SHIM_BANNER =
  "import { createRequire as __cabinetCreateRequire } from 'node:module'; const require = __cabinetCreateRequire(import.meta.url);";

// Prefer the ESM build of dependencies that ship both, so tree shaking can drop what a handler never calls.
const MAIN_FIELDS = ['module', 'main'];

/** NodejsFunction names its ESM output index.mjs; esbuild writes the external source map next to it. */
export const BUNDLE_FILE = 'index.mjs';
export const SOURCE_MAP_FILE = `${BUNDLE_FILE}.map`;

/**
 * NodejsFunction bundling. The AWS SDK is bundled rather than taken from the runtime: the version we test is
 * the version we run, and a tree-shaken bundled client starts faster than loading the runtime's full copy.
 *
 * Source maps are written, but not into the zip: esbuild writes an external map (no sourceMappingURL comment in the
 * bundle), and the hook moves it to `sourceMapDir` before CDK hashes and zips the asset. Nothing at run time reads a
 * map (Node would parse it at every cold start with --enable-source-maps); a logged stack is mapped offline with it.
 */
/** The directory beside the bundle (index.mjs) that holds a function's run-time files. */
export const FILES_DIR = 'files';

const shellQuote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

/**
 * `files`: what the handler reads at run time instead of importing (the docs page's Swagger UI: 1.7 MB that would
 * otherwise be parsed at every cold start), copied into files/ beside the bundle after esbuild ran.
 */
export function cdkBundling(sourceMapDir: string, files: readonly string[] = []): BundlingOptions {
  const names = files.map((file) => basename(file));
  if (new Set(names).size !== names.length) throw new Error(`Two run-time files share a name: ${files.join(', ')}`);
  return {
    format: OutputFormat.ESM,
    target: ESBUILD_TARGET,
    minify: true,
    sourceMap: true,
    sourceMapMode: SourceMapMode.EXTERNAL,
    mainFields: MAIN_FIELDS,
    banner: REQUIRE_SHIM_BANNER,
    bundleAwsSDK: true,
    externalModules: [],
    // Local esbuild only: no Docker on developer machines or CI here, and the output is identical.
    forceDockerBundling: false,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir: string, outputDir: string) => [
        `mkdir -p "${sourceMapDir}"`,
        `mv "${join(outputDir, SOURCE_MAP_FILE)}" "${join(sourceMapDir, SOURCE_MAP_FILE)}"`,
        ...(files.length > 0
          ? [
              `mkdir -p ${shellQuote(`${outputDir}/${FILES_DIR}`)}`,
              ...files.map((file) => `cp ${shellQuote(`${inputDir}/${file}`)} ${shellQuote(`${outputDir}/${FILES_DIR}/`)}`),
            ]
          : []),
      ],
    },
  };
}

/**
 * The same settings for esbuild's JS API (NodejsFunction always adds bundle and platform node, and names the
 * ESM output index.mjs). `outfile` should end in .mjs so Node loads it as ESM, as Lambda does. `sourceMaps`:
 * 'external' as deployed (a separate .map, no comment in the bundle); 'linked' adds the sourceMappingURL comment, so
 * that `node --enable-source-maps` loads the map (the bench's --source-maps shows what that would cost).
 */
export function esbuildOptions(entry: string, outfile: string, sourceMaps: 'external' | 'linked' = 'external'): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: ESBUILD_TARGET,
    minify: true,
    sourcemap: sourceMaps,
    mainFields: MAIN_FIELDS,
    banner: { js: REQUIRE_SHIM_BANNER },
    external: [],
  };
}
