// The time every rule reads: nowMs() (and nowDate()). Deployed it is the system clock, always. The local stack
// started with --fault-injection (tests only) installs a hook that adds the request's `x-cabinet-clock-offset`
// header (milliseconds) for that request alone (local/start.ts, docs/local-stack.md), so an integration test moves
// past a rate-limit window, an idempotency deadline or a code's expiry without sleeping. No deployed code installs
// a hook: API Gateway passes the header through, and nothing reads it.

let offset: (() => number) | undefined;

/** The local stack's fault injection only: the offset (ms) of the request in flight. */
export function installClockOffset(current: () => number): void {
  offset = current;
}

/** Epoch milliseconds, as every rule sees them. */
export const nowMs = (): number => Date.now() + (offset?.() ?? 0);

export const nowDate = (): Date => new Date(nowMs());
