// What every log line and metric of one invocation carries: the request id, the route, the function, whether the
// container was cold, and the organisation and user once the caller is known. Deployed, a container serves one
// invocation at a time, so the context is one module-level object replaced per invocation (no async_hooks cost).
// The local gateway runs every function in one process with requests in flight together: it calls
// concurrentLogContexts() once, and each invocation's context then lives in an AsyncLocalStorage.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface LogContext {
  /** Lambda's request id (context.awsRequestId). */
  requestId?: string;
  /** API Gateway's request id (its access log's `requestId`). */
  apiRequestId?: string;
  /** The route key (`POST /api/patients`), `$default`, or the job's name. */
  route?: string;
  /** The Lambda function (privilege class, the trigger or a job). */
  function?: string;
  coldStart?: boolean;
  organisationId?: string;
  userId?: string;
}

let current: LogContext = {};
let concurrent: AsyncLocalStorage<LogContext> | undefined;

/** The local gateway: several invocations in one process at once, each with its own context. */
export function concurrentLogContexts(): void {
  concurrent ??= new AsyncLocalStorage<LogContext>();
}

/** Runs one invocation with `context` (a fresh object: later additions stay in this invocation). */
export function withLogContext<T>(context: LogContext, run: () => T): T {
  if (concurrent) return concurrent.run({ ...context }, run);
  current = { ...context };
  return run();
}

export function logContext(): LogContext {
  return concurrent?.getStore() ?? current;
}

/** Adds what became known during the invocation (the caller's organisation and user). */
export function addLogContext(fields: LogContext): void {
  const target = logContext();
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) (target as Record<string, unknown>)[key] = value;
}

/** True on a container's first invocation of `name`, false afterwards (one flag per function name). */
const warm = new Set<string>();
export function coldStartOf(name: string): boolean {
  if (warm.has(name)) return false;
  warm.add(name);
  return true;
}
