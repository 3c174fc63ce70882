// The one place esbuild settings live: CDK bundles the Lambda code with them and the benchmark builds with them too.

import { basename } from 'node:path';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/** The Node major of the Lambda runtime fixed in cabinet-function.ts (nodejs22.x); the bench loads bundles on it. */
export const LAMBDA_NODE_MAJOR = 22;

/** esbuild target: the Lambda runtime's Node. */
export const ESBUILD_TARGET = `node${LAMBDA_NODE_MAJOR}`;

// ESM output has no `require`; some bundled CommonJS dependencies still call it for Node built-ins,
// so the bundle gets one from createRequire. The alias avoids clashing with an import of the same name.
export const REQUIRE_SHIM_BANNER =
  "import { createRequire as __cabinetCreateRequire } from 'node:module'; const require = __cabinetCreateRequire(import.meta.url);";

// Prefer the ESM build of dependencies that ship both, so tree shaking can drop what a handler never calls.
const MAIN_FIELDS = ['module', 'main'];

/**
 * NodejsFunction bundling. The AWS SDK is bundled rather than taken from the runtime: the version we test is
 * the version we run, and a tree-shaken bundled client starts faster than loading the runtime's full copy.
 */
export const cdkBundling: BundlingOptions = {
  format: OutputFormat.ESM,
  target: ESBUILD_TARGET,
  minify: true,
  sourceMap: true,
  mainFields: MAIN_FIELDS,
  banner: REQUIRE_SHIM_BANNER,
  bundleAwsSDK: true,
  externalModules: [],
  // Local esbuild only: no Docker on developer machines or CI here, and the output is identical.
  forceDockerBundling: false,
};

/** The directory beside the bundle (index.mjs) that holds a function's run-time files. */
export const FILES_DIR = 'files';

const shellQuote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

/**
 * cdkBundling, plus files the handler reads at run time instead of importing (the docs page's Swagger UI: 1.7 MB
 * that would otherwise be parsed at every cold start), copied into files/ beside the bundle after esbuild ran.
 */
export function bundlingWithFiles(files: readonly string[]): BundlingOptions {
  const names = files.map((file) => basename(file));
  if (new Set(names).size !== names.length) throw new Error(`Two run-time files share a name: ${files.join(', ')}`);
  return {
    ...cdkBundling,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: () => [],
      afterBundling: (inputDir, outputDir) => [
        `mkdir -p ${shellQuote(`${outputDir}/${FILES_DIR}`)}`,
        ...files.map((file) => `cp ${shellQuote(`${inputDir}/${file}`)} ${shellQuote(`${outputDir}/${FILES_DIR}/`)}`),
      ],
    },
  };
}

/**
 * The same settings for esbuild's JS API (NodejsFunction always adds bundle and platform node, and names the
 * ESM output index.mjs). `outfile` should end in .mjs so Node loads it as ESM, as Lambda does.
 */
export function esbuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: ESBUILD_TARGET,
    minify: true,
    sourcemap: true,
    mainFields: MAIN_FIELDS,
    banner: { js: REQUIRE_SHIM_BANNER },
    external: [],
  };
}
