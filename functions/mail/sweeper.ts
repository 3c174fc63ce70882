// The mail sweeper: retries the outbox's due jobs with backoff and marks them FAILED after MAIL_MAX_ATTEMPTS
// (mail/delivery.ts). Deployed, an EventBridge schedule invokes it every minute (lib/mail.ts); locally
// `npm start` runs it on a timer. A plain handler: nothing here depends on the event but its time.
import type { Context } from 'aws-lambda';
import { coldStartOf, withLogContext } from '#core/log-context';
import { sweepMail } from './delivery.ts';

export async function handler(event?: { time?: string }, context?: Pick<Context, 'awsRequestId'>) {
  // An EventBridge event carries its scheduled time; a late invocation never acts as if it ran earlier than now.
  const scheduled = event?.time ? Date.parse(event.time) : Number.NaN;
  const context_ = { function: 'mail-sweeper', route: 'schedule', coldStart: coldStartOf('mail-sweeper') };
  return withLogContext({ ...context_, ...(context ? { requestId: context.awsRequestId } : {}) }, () =>
    sweepMail(new Date(Number.isNaN(scheduled) ? Date.now() : Math.max(scheduled, Date.now()))),
  );
}
