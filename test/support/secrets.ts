// Every secret the integration tests send or receive — passwords, ID and refresh tokens, MFA sessions, join codes,
// invitation and verification link tokens read from the mailbox — is recorded as the test handles it (api(),
// apiFrom(), the mailbox helpers call harvestSecrets), in files beside the stack's log. When the run ends, the global
// teardown greps the stack's whole log for each of them (checkLogForSecrets): one found fails the run.
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Fields whose string values are secrets, wherever they appear in a request or response body. */
const SECRET_FIELDS = new Set(['password', 'confirmPassword', 'token', 'refreshToken', 'session', 'code', 'organisationCode', 'secret']);
/** Shorter strings (a TOTP code) could appear in a log by coincidence: a timing, a count. */
const MIN_LENGTH = 8;

const secretsDir = (logFile: string) => join(dirname(logFile), 'secrets');
const seen = new Set<string>();

function collect(value: unknown, into: string[], underSecret = false): void {
  if (typeof value === 'string') {
    if (underSecret && value.length >= MIN_LENGTH) into.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, into, underSecret);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, field] of Object.entries(value)) collect(field, into, SECRET_FIELDS.has(key));
  }
}

/** Records the secrets in `values` (bodies, or { token } objects) for the end-of-run log check. */
export function harvestSecrets(logFile: string | undefined, ...values: unknown[]): void {
  if (!logFile) return;
  const found: string[] = [];
  for (const value of values) collect(value, found);
  const fresh = found.filter((secret) => !seen.has(secret));
  if (fresh.length === 0) return;
  for (const secret of fresh) seen.add(secret);
  mkdirSync(secretsDir(logFile), { recursive: true });
  appendFileSync(join(secretsDir(logFile), `${process.pid}.txt`), `${fresh.map((secret) => JSON.stringify(secret)).join('\n')}\n`);
}

/** The bearer token of an Authorization header, as a harvestable value. */
export const bearerOf = (authorization: string | undefined) => ({ token: authorization?.replace(/^Bearer\s+/i, '') });

/**
 * What the stack logged once ready (the start-up banner prints the demo credentials on purpose, before that) and the
 * secrets the run recorded; returns the secrets found in the log and how many were checked.
 */
export function checkLogForSecrets(logFile: string): { checked: number; leaked: string[] } {
  const whole = readFileSync(logFile, 'utf8');
  const banner = 'Ctrl-C stops everything.';
  const log = whole.includes(banner) ? whole.slice(whole.indexOf(banner) + banner.length) : whole;
  const dir = secretsDir(logFile);
  const secrets = new Set<string>();
  if (existsSync(dir)) {
    for (const file of readdirSync(dir)) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) if (line) secrets.add(JSON.parse(line) as string);
    }
  }
  return { checked: secrets.size, leaked: [...secrets].filter((secret) => log.includes(secret)) };
}
