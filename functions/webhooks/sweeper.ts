// The webhook sweeper: retries the due delivery jobs (delivery.ts). Deployed, an EventBridge schedule invokes it every
// minute (lib/webhooks.ts); locally `npm start` runs it every second, with the compressed schedule.
import type { Context } from 'aws-lambda';
import { coldStartOf, withLogContext } from '#core/log-context';
import { sweepDeliveries } from './delivery.ts';

export async function handler(event?: { time?: string }, context?: Pick<Context, 'awsRequestId'>) {
  const scheduled = event?.time ? Date.parse(event.time) : Number.NaN;
  const logContext = { function: 'webhook-sweeper', route: 'schedule', coldStart: coldStartOf('webhook-sweeper') };
  return withLogContext({ ...logContext, ...(context ? { requestId: context.awsRequestId } : {}) }, () =>
    sweepDeliveries(new Date(Number.isNaN(scheduled) ? Date.now() : Math.max(scheduled, Date.now()))),
  );
}
