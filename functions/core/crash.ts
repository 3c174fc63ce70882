// Crash points (tests only): a named step of a multi-step flow where the function can be made to die as a Lambda
// timeout or an out-of-memory kills it, to prove that a crash between two steps leaves nothing that blocks a retry.
// Deployed, no hook is ever installed and crashPoint() does nothing. The local stack started with --fault-injection
// installs one (local/start.ts) that throws an InjectedCrash when the request's `x-cabinet-fault` header is
// `crash:<step>`. An InjectedCrash is never compensated: every catch on the way (withNewAccount's compensation, the
// pipeline's error middleware) rethrows it untouched, so no clean-up runs, exactly as when the runtime kills the
// process; the gateway then answers as API Gateway answers a failed invocation.

/** Every crash point, in the order the flows reach them. */
export const CRASH_STEPS = [
  /** The Cognito user exists (AdminCreateUser), without its password yet, and nothing is in DynamoDB. */
  'after-cognito-user',
  /** The Cognito user has its permanent password; the DynamoDB transaction has not run. */
  'after-cognito-password',
  /** The account's transaction committed; nothing after it (mail delivery, sign-in, answer) ran. */
  'after-transaction',
  /** An account deletion's DynamoDB steps are done (its account check written with them); Cognito's user is not deleted yet. */
  'before-cognito-delete',
  /** An idempotent request's first answer is known but not yet recorded (core of http/idempotency.ts). */
  'before-idempotency-record',
] as const;

export type CrashStep = (typeof CRASH_STEPS)[number];

/** Thrown at a crash point; nothing may catch it for good (isCrash). */
export class InjectedCrash extends Error {
  constructor(readonly step: CrashStep) {
    super(`Injected crash at ${step}`);
    this.name = 'InjectedCrash';
  }
}

export const isCrash = (error: unknown): error is InjectedCrash => error instanceof InjectedCrash;

let hook: ((step: CrashStep) => void) | undefined;

/** The local stack's fault injection only. */
export function installCrashHook(crash: (step: CrashStep) => void): void {
  hook = crash;
}

/** A step boundary of a multi-step flow: a no-op unless a test asked the function to die here. */
export function crashPoint(step: CrashStep): void {
  hook?.(step);
}
