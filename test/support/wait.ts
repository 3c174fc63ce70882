// Waiting on events: a test polls what it waits for (a delivered message, a log line, an answer) until it holds or a
// deadline passes, never for a guessed while. Time-based rules are reached by moving the stack's clock
// (x-cabinet-clock-offset, test/support/limits.ts), not by waiting for them. This module holds the suite's only
// timers: the pause between two looks, and untilWallClock for the two instants no offset can move.
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Probes `probe` until `done` holds or `ms` pass, and returns the last value (the test asserts on it, so a timeout
 * fails with what was seen). `every` ms between probes: the pause between two looks, not a wait for the event.
 */
export async function poll<T>(
  probe: () => T | Promise<T>,
  done: (value: T) => boolean,
  options: { ms?: number; every?: number } = {},
): Promise<T> {
  const { ms = 10_000, every = 100 } = options;
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(every);
  }
}

/**
 * Returns once the wall clock reached `instantMs`. Only for what the stack's clock offset cannot move: a fixed
 * window's edge for requests sent without an offset (limits.ts), and an orphan's age seen by the account sweeper,
 * which lists the whole shared user pool (crash-recovery.test.ts).
 */
export async function untilWallClock(instantMs: number): Promise<void> {
  const left = instantMs - Date.now();
  if (left > 0) await sleep(left);
}
