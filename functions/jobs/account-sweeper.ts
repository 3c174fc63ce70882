// The account sweeper (use-cases/orphans.ts): visits the due account checks (orphan Cognito users left by a function
// that died between creating the user and committing the account, or between deleting an account and its user), and
// a reconciliation of accounts deleted from Cognito outside the API when one is due. Deployed, an EventBridge schedule
// invokes it every hour and another asks for a reconciliation once a week (`{ "reconcile": true }`, lib/operations.ts);
// locally `npm start` runs it on a timer; `npm run sweep-accounts` runs it once by hand against either. A run stops
// SWEEP_RUN_MARGIN_MS before the function's timeout (or after ACCOUNT_SWEEP_RUN_SECONDS): what is left stays due.
import type { Context } from 'aws-lambda';
import { env, readEnv } from '#core/env';
import { coldStartOf, withLogContext } from '#core/log-context';
import { reconcileScope } from '#domain/account-check';
import { requestReconcile } from '#repositories/account-checks';
import { sweepAccounts } from '#use-cases/orphans';

const settings = readEnv({ ACCOUNT_SWEEP_RUN_SECONDS: env.integer({ min: 1, max: 900, fallback: 240 }) });
/** Time kept, before Lambda's timeout, to checkpoint a reconciliation and log the run. */
const SWEEP_RUN_MARGIN_MS = 20_000;

export interface AccountSweepEvent {
  /** EventBridge's scheduled time. */
  time?: string;
  /** Ask for a reconciliation first: of every organisation (true), of one (its id), or of the pool (`pool`). */
  reconcile?: boolean | string;
  /** By hand and in tests: at most this many checks and accounts in this run, and the page size. */
  maxWork?: number;
  pageSize?: number;
}

export async function handler(event?: AccountSweepEvent, context?: Pick<Context, 'awsRequestId' | 'getRemainingTimeInMillis'>) {
  const started = Date.now();
  const scheduled = event?.time ? Date.parse(event.time) : Number.NaN;
  const now = new Date(Number.isNaN(scheduled) ? started : Math.max(scheduled, started));
  const budget = settings.ACCOUNT_SWEEP_RUN_SECONDS * 1000;
  const remaining = context?.getRemainingTimeInMillis ? context.getRemainingTimeInMillis() - SWEEP_RUN_MARGIN_MS : budget;
  return withLogContext(
    {
      function: 'account-sweeper',
      route: 'schedule',
      coldStart: coldStartOf('account-sweeper'),
      ...(context ? { requestId: context.awsRequestId } : {}),
    },
    async () => {
      if (event?.reconcile) {
        await requestReconcile(reconcileScope(typeof event.reconcile === 'string' ? event.reconcile : undefined), now.toISOString());
      }
      return sweepAccounts(now, {
        deadlineMs: started + Math.min(budget, remaining),
        ...(event?.maxWork ? { maxWork: event.maxWork } : {}),
        ...(event?.pageSize ? { pageSize: event.pageSize } : {}),
      });
    },
  );
}
