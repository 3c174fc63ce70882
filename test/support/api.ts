// A tiny HTTP client for the integration tests: they talk to the local stack only over HTTP, like a client.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { contractViolation } from './contract.ts';
import { bearerOf, harvestSecrets } from './secrets.ts';

export const stack = () => inject('stack');

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function api<T = any>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${stack().baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  harvestSecrets(stack().logFile, options.body, bearerOf(headers.authorization), parsed);
  if (options.rawBody) harvestSecrets(stack().logFile, safeJson(options.rawBody));
  const violation = contractViolation({
    method,
    path,
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: parsed,
  });
  if (violation) throw new Error(`Response breaks the declared contract: ${violation}`);
  return { status: response.status, headers: response.headers, body: parsed as T, text };
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
