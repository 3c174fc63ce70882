// Marks the local stack's background work (the webhook stream reader, its fan-out and the webhook sweeper), so
// that measurements of one request's calls (scripts/bench/call-counter.ts) leave out what ran beside it.
import { AsyncLocalStorage } from 'node:async_hooks';

export const background = new AsyncLocalStorage<string>();

/** Runs `work` as background work named `what`. */
export const inBackground = <T>(what: string, work: () => T): T => background.run(what, work);
