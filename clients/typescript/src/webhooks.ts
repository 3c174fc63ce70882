// Verifies a Cabinet webhook delivery by the Standard Webhooks specification (https://www.standardwebhooks.com):
// `webhook-signature` holds space-separated `v1,<base64 HMAC-SHA256>` signatures of `<webhook-id>.<webhook-timestamp>.<body>`,
// keyed by the base64 part of the endpoint's `whsec_…` secret. During a secret rotation a delivery carries one
// signature per live secret, so either secret verifies. Web Crypto only: runs in Node ≥ 20, Deno, Bun and browsers.

export interface WebhookHeaders {
  'webhook-id'?: string | null;
  'webhook-timestamp'?: string | null;
  'webhook-signature'?: string | null;
}

export interface VerifyOptions {
  /** How far (seconds) the timestamp may be from now, either way; replayed old deliveries are refused. Default 300. */
  toleranceSeconds?: number;
  /** The clock, for tests. */
  now?: () => Date;
}

export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}

const SECRET_PREFIX = 'whsec_';
const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

function headerValue(headers: WebhookHeaders | Headers, name: keyof WebhookHeaders): string {
  const value = headers instanceof Headers ? headers.get(name) : headers[name];
  if (!value) throw new WebhookVerificationError(`missing ${name} header`);
  return value;
}

function base64ToBytes(value: string): Uint8Array<ArrayBuffer> {
  let binary: string;
  try {
    binary = atob(value);
  } catch {
    throw new WebhookVerificationError('secret is not base64');
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Constant-time comparison of two strings of the same alphabet. */
function equal(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The `v1,<base64>` signature of a delivery, as Cabinet sends it. */
export async function signWebhook(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    base64ToBytes(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${body}`));
  return `v1,${bytesToBase64(new Uint8Array(mac))}`;
}

/**
 * Checks a delivery's signature and timestamp against the raw request body (the exact bytes received — never a
 * re-serialised object) and answers the parsed payload; throws WebhookVerificationError otherwise.
 */
export async function verifyWebhook<T = unknown>(
  secret: string,
  body: string,
  headers: WebhookHeaders | Headers,
  options: VerifyOptions = {},
): Promise<T> {
  const id = headerValue(headers, 'webhook-id');
  const timestampHeader = headerValue(headers, 'webhook-timestamp');
  const signatures = headerValue(headers, 'webhook-signature');
  if (!/^\d+$/.test(timestampHeader)) throw new WebhookVerificationError('webhook-timestamp is not a Unix time in seconds');
  const timestamp = Number(timestampHeader);
  const now = Math.floor((options.now?.() ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (Math.abs(now - timestamp) > tolerance) throw new WebhookVerificationError('webhook-timestamp is outside the tolerance');
  const expected = await signWebhook(secret, id, timestamp, body);
  const matches = signatures.split(' ').some((candidate) => candidate.startsWith('v1,') && equal(candidate, expected));
  if (!matches) throw new WebhookVerificationError('no matching signature');
  return JSON.parse(body) as T;
}
