// Run by the benchmark in a fresh `node` process (no tsx, no loaders): times `await import(bundle)` with
// performance.now() around the dynamic import only, and prints one JSON line.
// Usage: node scripts/bench/load-child.mjs <absolute bundle path>
import { pathToFileURL } from 'node:url';

const bundle = process.argv[2];
if (!bundle) throw new Error('usage: load-child.mjs <bundle>');
const url = pathToFileURL(bundle).href;
const started = performance.now();
const module = await import(url);
const loadMs = performance.now() - started;
const exported = module.handler ?? module.default?.handler;
process.stdout.write(
  `${JSON.stringify({ loadMs, hasHandler: typeof exported === 'function', rssMiB: process.memoryUsage().rss / 1048576 })}\n`,
);
