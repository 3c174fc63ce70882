// The account sweeper: deletes orphan Cognito users (left by a function that died between creating the user and
// committing the account) and reconciles accounts deleted from Cognito outside the API (use-cases/orphans.ts).
// Deployed, an EventBridge schedule invokes it every hour (lib/operations.ts); locally `npm start` runs it on a timer;
// `npm run sweep-accounts` runs it once by hand against either.
import type { Context } from 'aws-lambda';
import { coldStartOf, withLogContext } from '#core/log-context';
import { sweepAccounts } from '#use-cases/orphans';

export async function handler(event?: { time?: string }, context?: Pick<Context, 'awsRequestId'>) {
  const scheduled = event?.time ? Date.parse(event.time) : Number.NaN;
  const now = new Date(Number.isNaN(scheduled) ? Date.now() : Math.max(scheduled, Date.now()));
  return withLogContext(
    {
      function: 'account-sweeper',
      route: 'schedule',
      coldStart: coldStartOf('account-sweeper'),
      ...(context ? { requestId: context.awsRequestId } : {}),
    },
    () => sweepAccounts(now),
  );
}
