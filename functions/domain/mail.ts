// Mail job item (the transactional outbox): <owner pk> / MAILJOB#<id>, written in the SAME transaction as the
// change it announces, so there is no mail for a change that did not commit and no committed change without its
// mail. The owner is the organisation (ORG#<id>) or the person (USER#<id>) the message is about, so deleting an
// organisation deletes its pending mail with it. While PENDING the job sits in a GSI1 partition of due jobs
// (MAILQ#<shard> / <nextAttemptAt>#<id>) where the sweeper finds it without a Scan; once FAILED it moves to
// MAILFAILED / <failedAt>#<id> for operators. The link's token is kept only until the job is delivered or failed.
import { createHash } from 'node:crypto';
import type { Permission } from './permissions.ts';
import { TTL_ATTRIBUTE } from './ttl.ts';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const isLocale = (value: unknown): value is Locale => value === 'fr' || value === 'en';

export type MailTemplate =
  | 'verify-email'
  | 'invitation'
  | 'invitation.account'
  | 'password-reset'
  | 'set-password'
  | 'join-request.created'
  | 'join-request.approved'
  | 'join-request.rejected'
  | 'member.joined-by-code'
  | 'webhook.disabled';

/**
 * Who receives the message, resolved when it is delivered:
 * - address: one address the system has (an invited address, or the address a verification link must prove);
 * - user: the person's own profile address, verified or not (messages about their own request);
 * - members: the VERIFIED addresses of the organisation's ACTIVE members whose role holds `permission`
 *   (custom roles included): those messages carry another person's details, so never to an unproven address.
 */
export type Audience =
  | { kind: 'address'; to: string; locale: Locale }
  | { kind: 'user'; userId: string }
  | { kind: 'members'; organisationId: string; permission: Permission };

export type MailJobStatus = 'PENDING' | 'SENT' | 'FAILED';

export interface MailJob {
  id: string;
  /** The partition the job lives in: its organisation's or its person's. */
  ownerPk: string;
  template: MailTemplate;
  audience: Audience;
  /** What the message says (names, role, reason): never a secret. Removed once the job is done. */
  params: Record<string, string>;
  /** The secret of the link (`<appUrl>/<action>?token=…`): removed once the job is done. */
  linkToken?: string;
  status: MailJobStatus;
  /** Delivery attempts so far. */
  attempts: number;
  /** When the sweeper may (next) take the job. */
  nextAttemptAt: string;
  /** Recipients already sent to (a retry skips them): an address, or a user id. */
  deliveredTo: string[];
  /** The last failure, without secrets: the SDK error's name and message. */
  lastError?: string;
  createdAt: string;
  updatedAt: string;
  sentAt?: string;
  failedAt?: string;
}

export const MAIL_JOB_SK_PREFIX = 'MAILJOB#';
/**
 * Pending jobs are spread over this many GSI1 partitions (by job id), so a burst of mail never makes one index
 * partition hot; the sweeper queries each of them, which costs one Query per shard per run.
 */
export const MAIL_QUEUE_SHARDS = 4;
export const MAIL_FAILED_GSI1PK = 'MAILFAILED';
/** Delivered and failed jobs stay this long for inspection (without their link token or params), then TTL removes them. */
export const MAIL_JOB_RETENTION_SECONDS = 7 * 24 * 3600;

export const mailJobKey = (ownerPk: string, id: string) => ({ pk: ownerPk, sk: `${MAIL_JOB_SK_PREFIX}${id}` });

export const mailQueueShard = (id: string): number =>
  Number.parseInt(createHash('sha256').update(id).digest('hex').slice(0, 4), 16) % MAIL_QUEUE_SHARDS;
export const mailQueuePk = (shard: number) => `MAILQ#${shard}`;
export const mailQueueSk = (nextAttemptAt: string, id: string) => `${nextAttemptAt}#${id}`;

export const mailJobItem = (job: MailJob) => {
  const { ownerPk, ...fields } = job;
  return {
    ...mailJobKey(ownerPk, job.id),
    ...(job.status === 'PENDING' ? { gsi1pk: mailQueuePk(mailQueueShard(job.id)), gsi1sk: mailQueueSk(job.nextAttemptAt, job.id) } : {}),
    type: 'MailJob',
    ...fields,
  };
};

export function mailJobFromItem(item: Record<string, unknown>): MailJob {
  const { pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, [TTL_ATTRIBUTE]: _ttl, ...job } = item;
  return { ...(job as unknown as Omit<MailJob, 'ownerPk'>), ownerPk: String(pk), deliveredTo: (job.deliveredTo as string[]) ?? [] };
}

/** Delay before the attempt after `attempts` failed ones: base, doubled each time, capped. */
export const retryDelaySeconds = (attempts: number, policy: { baseSeconds: number; maxSeconds: number }): number =>
  Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** Math.max(0, attempts - 1));

/**
 * The longest a link token can stay in a job: from the first attempt to the last one (then the job is FAILED and
 * the token removed). The sweeper's own period comes on top.
 */
export const maxRetryHorizonSeconds = (policy: { maxAttempts: number; baseSeconds: number; maxSeconds: number }): number => {
  let total = 0;
  for (let attempts = 1; attempts < policy.maxAttempts; attempts++) total += retryDelaySeconds(attempts, policy);
  return total;
};

/** An error as the job records it: its name and message, shortened; SDK errors carry no request content. */
export const describeFailure = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 300);
