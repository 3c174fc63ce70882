// Delivering the outbox. A use case that changes something adds newMailJob(…)'s item to its transaction and, once
// the transaction committed, calls deliverNow: the person gets the message within seconds. A failed send leaves the
// job PENDING with its attempt count, its failure and its next attempt time; the sweeper (functions/jobs/
// mail-sweeper.ts, every minute) retries it with backoff and marks it FAILED after MAIL_MAX_ATTEMPTS. Once the job
// is done its link token and params are removed and TTL deletes it a week later. With no sender configured (no
// EMAIL_FROM: a deployment without a verified SES identity) nothing is attempted: jobs stay PENDING, held, until a
// deployment sets a sender, and the sweeper counts them (EmailsHeld, which an alarm watches). Log lines carry the
// job id and template, never an address, a link or a token.

import { sendEmail } from '#adapters/ses';
import { newId } from '#core/ids';
import { logger } from '#core/logger';
import { mailConfig } from '#core/mail-config';
import { emitMetric } from '#core/metrics';
import { organisationIdOfPk } from '#domain/keys';
import {
  type Audience,
  describeFailure,
  isLocale,
  type Locale,
  MAIL_QUEUE_SHARDS,
  type MailJob,
  type MailTemplate,
  retryDelaySeconds,
} from '#domain/mail';
import { getOrganisation } from '#repositories/organisations';
import type { NamedItem } from '#repositories/transactions';
import { getUser, getUsers } from '#repositories/users';
import {
  claimMailJob,
  dueMailJobs,
  mailJobWrite,
  markMailJobFailed,
  markMailJobSent,
  membersHolding,
  recordDelivery,
  recordMailFailure,
} from './outbox.ts';
import { LINK_ACTIONS, renderMessage } from './templates.ts';

/**
 * No sender is configured: mail is held in the outbox, never sent and never given up on (no attempt is counted, so
 * no job can reach FAILED), until a deployment sets EMAIL_FROM.
 */
export const mailHeld = (): boolean => mailConfig.EMAIL_FROM === undefined;

export const defaultLocale = (): Locale => (isLocale(mailConfig.DEFAULT_LOCALE) ? mailConfig.DEFAULT_LOCALE : 'fr');

export interface NewMail {
  ownerPk: string;
  template: MailTemplate;
  audience: Audience;
  params: Record<string, string>;
  linkToken?: string;
}

/**
 * A PENDING job and its transaction item. Its first sweep is MAIL_CLAIM_SECONDS away: until then it belongs to the
 * function that commits it, which delivers it at once (deliverNow). A `queued` job is the sweeper's from the start
 * (due at once): the request answers without delivering it, so its answer time tells nothing about the mail.
 */
export function newMailJob(mail: NewMail, now = new Date(), options: { queued?: boolean } = {}): { job: MailJob; item: NamedItem } {
  const at = now.toISOString();
  const job: MailJob = {
    id: newId(),
    ...mail,
    status: 'PENDING',
    attempts: 0,
    nextAttemptAt: new Date(now.getTime() + (options.queued ? 0 : mailConfig.MAIL_CLAIM_SECONDS * 1000)).toISOString(),
    deliveredTo: [],
    createdAt: at,
    updatedAt: at,
  };
  return { job, item: mailJobWrite(job) };
}

interface Recipient {
  /** What deliveredTo records: the user id, or the address for an address audience. */
  key: string;
  to: string;
  locale: Locale;
  name?: string | undefined;
}

async function recipientsOf(audience: Audience): Promise<Recipient[]> {
  switch (audience.kind) {
    case 'address':
      return [{ key: audience.to, to: audience.to, locale: audience.locale }];
    case 'user': {
      const user = await getUser(audience.userId);
      return user?.email ? [{ key: user.id, to: user.email, locale: user.locale ?? defaultLocale(), name: user.prenom }] : [];
    }
    case 'members': {
      const users = await getUsers(await membersHolding(audience.organisationId, audience.permission));
      // Only proven addresses: these messages carry another person's name and address.
      return users
        .filter((user) => user.email && user.emailVerified === true)
        .map((user) => ({ key: user.id, to: user.email ?? '', locale: user.locale ?? defaultLocale(), name: user.prenom }));
    }
  }
}

/** `<appUrl>/<action>?token=<token>` (or ?organisationId=<id> for an organisation's notifications). */
function linkOf(job: MailJob): string | undefined {
  const action = (LINK_ACTIONS as Partial<Record<MailTemplate, string>>)[job.template];
  if (!action) return undefined;
  const query = job.linkToken
    ? `?token=${encodeURIComponent(job.linkToken)}`
    : job.audience.kind === 'members'
      ? `?organisationId=${encodeURIComponent(job.audience.organisationId)}`
      : '';
  return `${mailConfig.APP_URL.replace(/\/+$/, '')}/${action}${query}`;
}

/** The job's params, with the owner organisation's current name when the job left it to be read at delivery. */
async function paramsOf(job: MailJob): Promise<Record<string, string>> {
  const organisationId = organisationIdOfPk(job.ownerPk);
  if (job.params.organisationName !== undefined || organisationId === undefined) return job.params;
  const organisation = await getOrganisation(organisationId);
  return { ...job.params, organisationName: organisation?.nom ?? '' };
}

export type AttemptOutcome = 'sent' | 'retry' | 'failed' | 'superseded';

const retryPolicy = () => ({ baseSeconds: mailConfig.MAIL_RETRY_BASE_SECONDS, maxSeconds: mailConfig.MAIL_RETRY_MAX_SECONDS });

/** One delivery attempt of a job this run owns (just committed, or claimed by the sweeper). Never throws. */
async function attempt(job: MailJob, now: Date): Promise<AttemptOutcome> {
  const attempts = job.attempts + 1;
  const where = { jobId: job.id, template: job.template, attempt: attempts };
  let current = job;
  try {
    const [recipients, params] = await Promise.all([recipientsOf(job.audience), paramsOf(job)]);
    const link = linkOf(job);
    for (const recipient of recipients) {
      if (current.deliveredTo.includes(recipient.key)) continue;
      const message = renderMessage({
        template: job.template,
        locale: recipient.locale,
        params,
        link,
        recipientName: recipient.name,
      });
      await sendEmail({ to: recipient.to, ...message });
      // With several recipients, each one sent to is recorded, so a retry after a failure skips them.
      if (recipients.length > 1) {
        if (!(await recordDelivery(current, recipient.key, now))) return 'superseded';
        current = { ...current, deliveredTo: [...current.deliveredTo, recipient.key] };
      }
    }
    if (!(await markMailJobSent(current, attempts, new Date()))) return 'superseded';
    logger.info('mail sent', { ...where, recipients: recipients.length });
    emitMetric('emailsSent', recipients.length, { template: job.template });
    return 'sent';
  } catch (error) {
    const failure = describeFailure(error);
    try {
      if (attempts >= mailConfig.MAIL_MAX_ATTEMPTS) {
        await markMailJobFailed(current, attempts, failure, new Date());
        logger.error('mail job failed for good', { ...where, error: failure });
        emitMetric('emailsFailed', 1, { template: job.template });
        return 'failed';
      }
      const next = new Date(Date.now() + retryDelaySeconds(attempts, retryPolicy()) * 1000);
      await recordMailFailure(current, attempts, failure, next, new Date());
      logger.warn('mail delivery failed; will retry', { ...where, nextAttemptAt: next.toISOString(), error: failure });
      emitMetric('emailRetries', 1, { template: job.template });
      return 'retry';
    } catch (recordError) {
      // Not even recorded: the job stays PENDING and the sweeper takes it once its claim runs out.
      logger.error('mail delivery failure not recorded', { ...where, error: failure, recordError: describeFailure(recordError) });
      return 'retry';
    }
  }
}

/** Right after the change committed: one attempt at each of its jobs. A failure never fails the request. */
export async function deliverNow(jobs: readonly MailJob[]): Promise<void> {
  if (mailHeld()) {
    for (const job of jobs) logger.warn('mail held: no sender is configured', { jobId: job.id, template: job.template });
    return;
  }
  await Promise.all(jobs.map((job) => attempt(job, new Date())));
}

export interface SweepSummary {
  due: number;
  sent: number;
  retried: number;
  failed: number;
  /** Taken by another run between the read and the claim. */
  skipped: number;
  /** Due but left alone because no sender is configured (the first page of each shard). */
  held: number;
}

const PAGE = 25;
const PAGES_PER_SHARD = 4;

/** The sweeper's run: every due job of every shard is claimed, then attempted. */
export async function sweepMail(now = new Date()): Promise<SweepSummary> {
  const summary: SweepSummary = { due: 0, sent: 0, retried: 0, failed: 0, skipped: 0, held: 0 };
  if (mailHeld()) return countHeld(summary, now);
  for (let shard = 0; shard < MAIL_QUEUE_SHARDS; shard++) {
    for (let page = 0; page < PAGES_PER_SHARD; page++) {
      const jobs = await dueMailJobs(shard, now.toISOString(), PAGE);
      summary.due += jobs.length;
      for (const job of jobs) {
        if (!(await claimMailJob(job, now, mailConfig.MAIL_CLAIM_SECONDS))) {
          summary.skipped++;
          continue;
        }
        const outcome = await attempt(job, now);
        if (outcome === 'sent') summary.sent++;
        else if (outcome === 'retry') summary.retried++;
        else if (outcome === 'failed') summary.failed++;
        else summary.skipped++;
      }
      // A claimed job leaves the due range, so the next page starts after this one; a short page was the last.
      if (jobs.length < PAGE) break;
    }
  }
  if (summary.due > 0) logger.info('mail sweep', { ...summary });
  return summary;
}

/** With no sender: counts what waits (never claims it, so nothing is attempted), for the EmailsHeld alarm. */
async function countHeld(summary: SweepSummary, now: Date): Promise<SweepSummary> {
  for (let shard = 0; shard < MAIL_QUEUE_SHARDS; shard++) summary.held += (await dueMailJobs(shard, now.toISOString(), PAGE)).length;
  summary.due = summary.held;
  if (summary.held > 0) {
    logger.warn('mail held: no sender is configured', { held: summary.held });
    emitMetric('emailsHeld', summary.held);
  }
  return summary;
}
