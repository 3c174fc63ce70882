// Time in the rate-limit tests. Fixed windows restart at their boundary (every limit's window is a multiple of 15
// minutes from the epoch): a test that fills a counter starts only when it can end inside the current window. And a
// test goes past a lock by moving the stack's clock for its next requests (x-cabinet-clock-offset, honoured by the
// test stack's fault injection: docs/local-stack.md), never by waiting it out.
import { untilWallClock } from './wait.ts';

export async function awayFromWindowEdge(neededMs = 20_000, windowSeconds = 900): Promise<void> {
  const windowMs = windowSeconds * 1000;
  const msLeft = windowMs - (Date.now() % windowMs);
  // A rare wait (only when a window ends within the test's next `neededMs`) for the wall clock itself, on which the
  // windows of the requests a test sends without an offset (sign-ups, tokens) depend.
  if (msLeft < neededMs) await untilWallClock(Date.now() + msLeft + 500);
}

/** A test's view of the stack's clock: its requests carry the offset, which grows as the test skips ahead. */
export function stackClock() {
  let offsetMs = 0;
  return {
    /** Past a 429's Retry-After (whole seconds), plus a little. */
    skipRetryAfter(retryAfter: string | null): void {
      offsetMs += Number(retryAfter) * 1000 + 300;
    },
    skip(ms: number): void {
      offsetMs += ms;
    },
    /** The header that sends a request at the test's time (none while the offset is 0). */
    headers(): Record<string, string> {
      return offsetMs === 0 ? {} : { 'x-cabinet-clock-offset': String(offsetMs) };
    },
  };
}
