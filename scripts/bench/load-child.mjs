// Run by the benchmark in a fresh `node` process (no tsx, no loaders): times `await import(bundle)` with
// performance.now() around the dynamic import only, plus the CPU time the process used meanwhile (user + system,
// all threads: less disturbed than wall time by other load on the machine), and prints one JSON line.
// Usage: node scripts/bench/load-child.mjs <absolute bundle path>
import { pathToFileURL } from 'node:url';

const bundle = process.argv[2];
if (!bundle) throw new Error('usage: load-child.mjs <bundle>');
const url = pathToFileURL(bundle).href;
const cpuBefore = process.cpuUsage();
const started = performance.now();
const module = await import(url);
const loadMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const exported = module.handler ?? module.default?.handler;
process.stdout.write(`${JSON.stringify({ loadMs, cpuMs: (cpu.user + cpu.system) / 1000, hasHandler: typeof exported === 'function' })}\n`);
