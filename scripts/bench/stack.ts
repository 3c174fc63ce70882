// Starts the real local stack for the benchmark (local/child-stack.ts: its own process group on free ports,
// killed as a whole afterwards so no Java is left). The stack process also preloads ./call-counter.ts, which
// counts its outgoing DynamoDB and Cognito calls, and ./orphan-guard.ts, which stops the stack if the bench
// itself is killed without cleaning up.
import { fileURLToPath } from 'node:url';
import { type ChildStack, freePort, type StackInfo, startChildStack } from '../../local/child-stack.ts';

export type { StackInfo };

export interface Stack {
  info: StackInfo;
  /** Where the call counter preloaded into the stack process answers (GET → counts). */
  counterUrl: string;
  startupMs: number;
  stop: () => Promise<string>;
}

let running: ChildStack | undefined;

/** Stops the stack (whole process group); safe to call more than once. Resolves with a one-line account. */
/**
 * The bench is a load test from one client address: the per-client limits it would meet (hundreds of registrations,
 * sign-ins and organisations an hour from 127.0.0.1) are raised, as an operator may for a load test. The limits still
 * run — every counter is still written and checked — they just are not reached.
 */
export const BENCH_LIMITS = {
  REGISTRATIONS_PER_CLIENT_PER_HOUR: '1000000',
  ORGANISATIONS_PER_CLIENT_PER_QUARTER: '1000000',
  ORGANISATIONS_PER_ACCOUNT_PER_QUARTER: '1000000',
  MEMBER_ADDITIONS_PER_CLIENT_PER_QUARTER: '1000000',
  MEMBER_ADDITIONS_PER_ACCOUNT_PER_QUARTER: '1000000',
  ACCEPTANCES_PER_CLIENT_PER_QUARTER: '1000000',
  // Registrations by join code (the dialects' section registers hundreds of agents with one code).
  JOIN_CODE_ATTEMPTS_PER_CLIENT: '1000000',
  JOIN_CODE_ATTEMPTS_PER_CODE: '1000000',
  // The bench writes thousands of patients into one organisation: its bucket is still in every write (its cost is
  // measured), never empty.
  TENANT_WRITES_PER_WINDOW: '1000000',
} as const;

export async function stopStack(): Promise<string> {
  const current = running;
  if (!current) return 'Local stack not running.';
  const account = await current.stop();
  running = undefined;
  return account;
}

/** Synchronous last resort (process 'exit'): SIGKILL the group. */
export function killStackNow(): void {
  running?.killNow();
}

export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  if (running) throw new Error('The stack is already running');
  const started = performance.now();
  const counterPort = await freePort();
  const preload = (name: string) => fileURLToPath(new URL(name, import.meta.url));
  running = await startChildStack({
    preloads: [preload('./call-counter.ts'), preload('./orphan-guard.ts')],
    // No account sweeper in the measured stack: its pool-wide runs would land in the call counts and the latencies.
    env: { CABINET_BENCH_COUNTER_PORT: String(counterPort), CABINET_ACCOUNT_SWEEP_SECONDS: '0', ...BENCH_LIMITS, ...env },
  });
  return {
    info: running.info,
    counterUrl: `http://127.0.0.1:${counterPort}/`,
    startupMs: performance.now() - started,
    stop: stopStack,
  };
}
