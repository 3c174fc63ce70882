// A tiny HTTP client for the integration tests: they talk to the local stack only over HTTP, like a client.
import { randomInt, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { inject } from 'vitest';
import type { StackInfo } from '../../local/child-stack.ts';
import { contractViolation } from './contract.ts';
import { bearerOf, harvestSecrets } from './secrets.ts';

let ownStack: StackInfo | undefined;

/** The local stack the tests talk to: the run's shared one, or one a test file started for itself (useStack). */
export const stack = (): StackInfo => ownStack ?? inject('stack');

/**
 * Points every helper of this test file (each file has its own module graph) at a stack it started itself, e.g. with
 * smaller limits; the shared stack's settings are never changed under other files.
 */
export const useStack = (info: StackInfo) => {
  ownStack = info;
};

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A fresh loopback address (127.x.y.z; on Linux the whole 127/8 block reaches the local gateway as the sourceIp). */
export const newClientAddress = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

export interface RequestOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** The client's address; by default every request comes from a client of its own, as the API's users do. */
  from?: string;
}

/**
 * One request to the local stack over HTTP, checked against its route's declared contract. Each request comes from
 * a fresh client address unless `from` names one: per-client limits then only ever throttle the tests about them.
 */
export function api<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const url = new URL(path, stack().baseUrl);
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let payload: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  const localAddress = options.from ?? newClientAddress();
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            body = text;
          }
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
          }
          const status = incoming.statusCode ?? 0;
          harvestSecrets(stack().logFile, options.body, bearerOf(headers.authorization), body);
          if (options.rawBody) harvestSecrets(stack().logFile, safeJson(options.rawBody));
          const violation = contractViolation({
            method,
            path,
            status,
            contentType: responseHeaders.get('content-type'),
            nosniff: responseHeaders.get('x-content-type-options'),
            body,
          });
          if (violation) reject(new Error(`Response breaks the declared contract: ${violation}`));
          else resolve({ status, headers: responseHeaders, body: body as T, text });
        });
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The refusal name of a problem+json answer (its type is `urn:cabinet:problem:<name>`): tests assert on it, never on prose. */
export const problemOf = (response: ApiResponse): string => String(response.body?.type ?? '').replace(/^urn:cabinet:problem:/, '');

export const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
export const PASSWORD = 'Cassius2025!';

export function cabinetInput(overrides: Record<string, unknown> = {}) {
  const id = randomUUID().slice(0, 8);
  return {
    organisationName: `Cabinet Test ${id}`,
    username: `dr.${id}`,
    password: PASSWORD,
    nom: 'Martin',
    prenom: 'Jean',
    ...overrides,
  };
}

export async function registerCabinet(overrides: Record<string, unknown> = {}) {
  const input = cabinetInput(overrides);
  const response = await api('POST', '/api/auth/register-cabinet', { body: input });
  if (response.status !== 201) throw new Error(`register-cabinet failed: ${response.status} ${response.text}`);
  return { input, ...(response.body as { token: string; refreshToken: string; user: any; organisation: any }) };
}

export const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
