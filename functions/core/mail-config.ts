// E-mail configuration, read once at cold start: who the mail is from, the app the links open, the language of a
// recipient whose locale is unknown, and the outbox's retry policy. Every API function gets these variables
// (lib/mail.ts), so a shared use-case module that enqueues mail loads in any of them.
import { env, readEnv } from './env.ts';

export const mailConfig = readEnv({
  /**
   * The From address (an address of a verified SES identity when deployed). Unset when no sender is configured (a
   * deployment without a verified identity, lib/mail.ts): mail is then held in the outbox, neither sent nor dropped,
   * until a deployment sets one (mail/delivery.ts).
   */
  EMAIL_FROM: env.optional(env.text({ min: 3 })),
  /** The web app the links open: `<APP_URL>/<action>?token=<token>`. */
  APP_URL: env.url(),
  DEFAULT_LOCALE: env.text({ pattern: /^(fr|en)$/, fallback: 'fr' }),
  /** Local runs only: the aws-ses-v2-local endpoint. */
  SES_ENDPOINT: env.optional(env.url()),
  SES_CONFIGURATION_SET: env.optional(env.text()),
  /** Delivery attempts (the first one right after the commit included) before a job is marked FAILED. */
  MAIL_MAX_ATTEMPTS: env.integer({ min: 1, max: 20, fallback: 8 }),
  /** Delay before the second attempt; doubled after each failure, capped at MAIL_RETRY_MAX_SECONDS. */
  MAIL_RETRY_BASE_SECONDS: env.integer({ min: 1, max: 3600, fallback: 60 }),
  MAIL_RETRY_MAX_SECONDS: env.integer({ min: 1, max: 86_400, fallback: 3600 }),
  /**
   * How long a job is left to the function that committed it (or to the sweeper that claimed it) before the
   * sweeper may take it over: longer than a function's timeout, so an attempt under way is never doubled.
   */
  MAIL_CLAIM_SECONDS: env.integer({ min: 15, max: 3600, fallback: 120 }),
});
