// The organisation deletion worker (use-cases/organisation-deletion.ts): deployed, an EventBridge schedule invokes
// it every minute (lib/operations.ts); locally `npm start` runs it on a timer. A run stops DELETION_RUN_MARGIN_MS
// before the function's own timeout (or after DELETION_RUN_SECONDS) and leaves the job, checkpointed, to the next.
import type { Context } from 'aws-lambda';
import { env, readEnv } from '#core/env';
import { coldStartOf, withLogContext } from '#core/log-context';
import { runDeletions } from '#use-cases/organisation-deletion';

const settings = readEnv({ DELETION_RUN_SECONDS: env.integer({ min: 1, max: 900, fallback: 240 }) });
/** Time kept, before Lambda's timeout, to checkpoint and release the job. */
const DELETION_RUN_MARGIN_MS = 20_000;

export async function handler(event?: { time?: string }, context?: Pick<Context, 'awsRequestId' | 'getRemainingTimeInMillis'>) {
  const started = Date.now();
  const scheduled = event?.time ? Date.parse(event.time) : Number.NaN;
  const now = new Date(Number.isNaN(scheduled) ? started : Math.max(scheduled, started));
  const budget = settings.DELETION_RUN_SECONDS * 1000;
  const remaining = context?.getRemainingTimeInMillis ? context.getRemainingTimeInMillis() - DELETION_RUN_MARGIN_MS : budget;
  return withLogContext(
    {
      function: 'organisation-deletion',
      route: 'schedule',
      coldStart: coldStartOf('organisation-deletion'),
      ...(context ? { requestId: context.awsRequestId } : {}),
    },
    () => runDeletions(now, started + Math.min(budget, remaining)),
  );
}
