// Every abuse limit's number (docs/security.md: abuse limits), read once at cold start and fail-fast like config.ts. An operator
// may change any of them through the functions' environment (locally: npm start's environment; deployed: the
// `limits` CDK context, which lib/ checks against LIMIT_RULES' names), never turn one off: each is at least 1.
import { env, readEnv } from './env.ts';

export const LIMIT_RULES = {
  // Sign-in: free failures per account (a day) and per client (an hour), then a lock growing from base to max.
  SIGN_IN_FREE_FAILURES_PER_ACCOUNT: env.integer({ min: 1, fallback: 5 }),
  SIGN_IN_FREE_FAILURES_PER_CLIENT: env.integer({ min: 1, fallback: 30 }),
  SIGN_IN_BACKOFF_BASE_SECONDS: env.integer({ min: 1, max: 3600, fallback: 15 }),
  SIGN_IN_BACKOFF_MAX_SECONDS: env.integer({ min: 1, max: 86_400, fallback: 900 }),
  REGISTRATIONS_PER_CLIENT_PER_HOUR: env.integer({ min: 1, fallback: 20 }),
  REGISTRATIONS_PER_ACCOUNT_PER_HOUR: env.integer({ min: 1, fallback: 5 }),
  ORGANISATIONS_PER_ACCOUNT_PER_QUARTER: env.integer({ min: 1, fallback: 5 }),
  ORGANISATIONS_PER_CLIENT_PER_QUARTER: env.integer({ min: 1, fallback: 20 }),
  ACCEPTANCES_PER_CLIENT_PER_QUARTER: env.integer({ min: 1, fallback: 30 }),
  ACCEPTANCES_PER_ACCOUNT_PER_QUARTER: env.integer({ min: 1, fallback: 10 }),
  MEMBER_ADDITIONS_PER_ACCOUNT_PER_QUARTER: env.integer({ min: 1, fallback: 30 }),
  MEMBER_ADDITIONS_PER_CLIENT_PER_QUARTER: env.integer({ min: 1, fallback: 60 }),
  // The public directory of organisations (seed 002's dropdown): pages per client and minute.
  DIRECTORY_PAGES_PER_CLIENT_PER_MINUTE: env.integer({ min: 1, fallback: 60 }),
  // Join codes: attempts per client and per submitted code, and failed guesses per client and per account (never
  // platform-wide), in windows of this length.
  JOIN_CODE_ATTEMPTS_PER_CLIENT: env.integer({ min: 1, fallback: 10 }),
  JOIN_CODE_ATTEMPTS_PER_CODE: env.integer({ min: 1, fallback: 20 }),
  JOIN_CODE_WINDOW_SECONDS: env.integer({ min: 1, max: 86_400, fallback: 900 }),
  JOIN_CODE_FAILED_GUESSES_PER_WINDOW: env.integer({ min: 1, fallback: 5 }),
  // Per tenant (domain/tenant-bucket.ts): the patient writes (create, update, delete) one organisation may make per
  // window, whoever makes them: 1,000 per 10 s, 100/s on average (docs/throttling.md: per tenant).
  TENANT_WRITES_PER_WINDOW: env.integer({ min: 1, fallback: 1000 }),
  TENANT_WRITE_WINDOW_SECONDS: env.integer({ min: 1, max: 3600, fallback: 10 }),
};

export const limits = readEnv(LIMIT_RULES);
