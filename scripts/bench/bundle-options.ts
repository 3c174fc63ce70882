// The bench bundles with exactly the esbuild options CDK uses for every Lambda (lib/bundling.ts), nothing added.
import type { BuildOptions } from 'esbuild';
import { esbuildOptions } from '../../lib/bundling.ts';

/** NodejsFunction names ESM output index.mjs, and Node needs the .mjs to load it as ESM, as Lambda does. */
export const bundleFileName = (): string => 'index.mjs';

export const bundleOptions = (entry: string, outfile: string, sourceMaps: 'external' | 'linked'): BuildOptions =>
  esbuildOptions(entry, outfile, sourceMaps);
