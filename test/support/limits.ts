// Fixed windows restart at their boundary (every limit's window is a multiple of 15 minutes from the epoch): a test
// that fills a counter starts only when it can end inside the current window.
import { setTimeout as sleep } from 'node:timers/promises';

export async function awayFromWindowEdge(neededMs = 20_000, windowSeconds = 900): Promise<void> {
  const windowMs = windowSeconds * 1000;
  const msLeft = windowMs - (Date.now() % windowMs);
  if (msLeft < neededMs) await sleep(msLeft + 500);
}

/** Waits out a 429's Retry-After (whole seconds), plus a little. */
export const waitOut = (retryAfter: string | null) => sleep(Number(retryAfter) * 1000 + 300);
