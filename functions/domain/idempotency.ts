// Idempotency-Key on creating POSTs: the rules, apart from storage. A key is scoped to its caller (the user, or the
// client's address on public routes) and its route, so nobody can read another caller's answer by guessing a key. A
// record holds the request's fingerprint and, once the first attempt answered, that answer, for 24 h (TTL).
// What is never stored: a session's tokens. Their answer is stored without them and a replay signs in again with the
// retried request's own credentials (the same body, so the same password), which issues fresh tokens and writes
// nothing. Fingerprints of bodies carrying a secret (a password, a link token) are scrypt hashes, not fast ones.
import { createHash, scrypt } from 'node:crypto';
import { organisationPk, userPk } from './keys.ts';

/** How long a key is remembered (the table's TTL attribute removes the record after it). */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/** 1 to 128 visible ASCII characters (a UUID is the usual choice). */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

/** Top-level fields of a success body that are a session's credentials: never stored. */
export const SESSION_FIELDS = ['token', 'refreshToken', 'expiresIn'] as const;

/** Request fields that make a body a secret (its fingerprint is then a slow hash). */
const SECRET_FIELDS = new Set(['password', 'confirmPassword', 'token', 'refreshToken', 'code']);

export type IdempotencyStatus = 'IN_PROGRESS' | 'COMPLETED';

export interface StoredReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** The answer is a session: nothing of its body is stored, a replay signs in again and answers the session anew. */
  signIn?: boolean;
  /** The created resource's id, stored instead of its body: a replay reads the resource as it is now (or 410). */
  ref?: string;
}

export interface IdempotencyRecord {
  status: IdempotencyStatus;
  fingerprint: string;
  /** Epoch ms until which the first attempt may still be running (its function's deadline). */
  lockedUntil: number;
  /** Which attempt holds the lock (a taken-over record is not completed by the attempt that lost it). */
  attempt: string;
  reply?: StoredReply;
}

/**
 * Who a key belongs to, and so where its record lives: a member's records in the organisation's partition (purged
 * with it), a signed-in person's without organisation in their own partition (purged with the account), a public
 * route's per client address. The organisation and the user are both part of the scope: the same key in another
 * organisation, or from another person, is another request.
 */
export type IdempotencyScope =
  | { kind: 'member'; organisationId: string; userId: string }
  | { kind: 'user'; userId: string }
  | { kind: 'client'; address: string };

const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

/**
 * The record's key: one per scope, request (method and concrete path) and key — hashed: keys are the client's, of
 * any shape, and never stored.
 */
export function idempotencyKey(scope: IdempotencyScope, request: string, key: string): { pk: string; sk: string } {
  switch (scope.kind) {
    case 'member':
      return {
        pk: organisationPk(scope.organisationId),
        sk: `IDEMPOTENCY#${digest(`user:${scope.userId}\norg:${scope.organisationId}\n${request}\n${key}`)}`,
      };
    case 'user':
      return { pk: userPk(scope.userId), sk: `IDEMPOTENCY#${digest(`user:${scope.userId}\n${request}\n${key}`)}` };
    case 'client':
      return { pk: `IDEMPOTENCY#${digest(`client:${scope.address}\n${request}\n${key}`)}`, sk: 'RECORD' };
  }
}

/** JSON with object keys sorted at every level: the same body in another key order has the same fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const carriesSecret = (value: unknown): boolean =>
  value !== null &&
  typeof value === 'object' &&
  Object.entries(value as Record<string, unknown>).some(([key, field]) => SECRET_FIELDS.has(key) || carriesSecret(field));

const scryptAsync = (text: string, salt: string): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(text, salt, 32, { N: 16_384, r: 8, p: 1 }, (error, derived) => (error ? reject(error) : resolve(derived))),
  );

/** The request's fingerprint: sha256 of its canonical body, or scrypt (salted with the record's key) when it holds a secret. */
export async function fingerprintOf(body: unknown, salt: string): Promise<string> {
  const canonical = canonicalJson(body ?? null);
  if (carriesSecret(body)) return `scrypt:${(await scryptAsync(canonical, salt)).toString('base64url')}`;
  return `sha256:${createHash('sha256').update(canonical).digest('base64url')}`;
}

/**
 * What is stored of a success answer: the least a replay needs. A session's answer keeps nothing of its body (the
 * replay signs in again and answers the session as it now is); an answer about a resource the route can read again
 * (`refOf`) keeps only that resource's id; any other answer keeps its body, in the scope's partition.
 */
export function storableReply(
  reply: { status: number; body?: unknown; headers?: Record<string, string> },
  refOf?: (body: unknown) => string | undefined,
): StoredReply {
  // What the client received: JSON, so no undefined field (which DynamoDB would refuse to store).
  const body: unknown = reply.body === undefined ? undefined : JSON.parse(JSON.stringify(reply.body));
  const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
  const fields = isObject ? (body as Record<string, unknown>) : {};
  const signIn = SESSION_FIELDS.some((field) => field in fields);
  const ref = signIn || body === undefined ? undefined : refOf?.(body);
  return {
    status: reply.status,
    ...(body !== undefined && !signIn && ref === undefined ? { body } : {}),
    ...(reply.headers ? { headers: reply.headers } : {}),
    ...(signIn ? { signIn } : {}),
    ...(ref !== undefined ? { ref } : {}),
  };
}

export type Decision = { kind: 'replay'; reply: StoredReply } | { kind: 'conflict'; retryAfterSeconds: number } | { kind: 'mismatch' };

/**
 * What to do with a request whose key already has a record that this attempt could not take over (the put's
 * condition failed): another body → mismatch (422); answered → replay; still running → conflict (409, Retry-After).
 */
export function decide(record: IdempotencyRecord, fingerprint: string, nowMs: number): Decision {
  if (record.fingerprint !== fingerprint) return { kind: 'mismatch' };
  if (record.status === 'COMPLETED' && record.reply) return { kind: 'replay', reply: record.reply };
  return { kind: 'conflict', retryAfterSeconds: Math.max(1, Math.ceil((record.lockedUntil - nowMs) / 1000)) };
}
