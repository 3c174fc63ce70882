// Helpers for the registration and join-code tests: register bodies, requests from a chosen client address
// (join-code redemption is rate limited per client IP), and the audit actions of an organisation.
import { randomInt, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type ApiResponse, api, PASSWORD, stack } from './api.ts';
import { contractViolation } from './contract.ts';
import { dynamo, partition } from './emulators.ts';
import { bearerOf, harvestSecrets } from './secrets.ts';

/**
 * A fresh loopback address (127.x.y.z, never 127.0.0.1): on Linux the whole 127/8 block reaches the local
 * gateway, which reports it as the request's sourceIp. Each test then has its own per-client rate-limit budget.
 */
export const newClientAddress = () => `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;

/** Like api(), but sent from the given local address (the gateway's event.requestContext.http.sourceIp). */
export function apiFrom<T = any>(
  address: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const url = new URL(path, stack().baseUrl);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...options.headers };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress: address },
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
          const violation = contractViolation({ method, path, status, contentType: responseHeaders.get('content-type'), body });
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

export const newEmail = () => `user.${randomUUID().slice(0, 8)}@example.org`;

export function createInput(overrides: Record<string, unknown> = {}) {
  return {
    registrationType: 'create',
    email: newEmail(),
    password: PASSWORD,
    confirmPassword: PASSWORD,
    fullName: 'Jane Smith',
    organisationName: `Cabinet Create ${randomUUID().slice(0, 8)}`,
    ...overrides,
  };
}

export function joinInput(organisationCode: string, overrides: Record<string, unknown> = {}) {
  return {
    registrationType: 'join',
    email: newEmail(),
    password: PASSWORD,
    confirmPassword: PASSWORD,
    fullName: 'John Doe',
    organisationCode,
    ...overrides,
  };
}

/** POST /api/auth/register from a fresh client address (so no test eats another's per-client attempts). */
export const register = (body: unknown, from = newClientAddress(), headers: Record<string, string> = {}) =>
  apiFrom(from, 'POST', '/api/auth/register', { body, headers });

/** Joins with the code and a fresh email; returns the response and the body sent. */
export async function joinWithCode(code: string, overrides: Record<string, unknown> = {}) {
  const input = joinInput(code, overrides);
  const response = await register(input);
  return { input, response };
}

export const login = (username: string, password = PASSWORD) => api('POST', '/api/auth/login', { body: { username, password } });

/** The audit actions recorded in the organisation's partition, oldest first. */
export async function auditTrail(organisationId: string) {
  const items = await partition(`ORG#${organisationId}`);
  return items
    .filter((item) => typeof item.sk === 'string' && item.sk.startsWith('AUDIT#'))
    .sort((a, b) => String(a.sk).localeCompare(String(b.sk)))
    .map((item) => ({
      action: item.action as string,
      actorId: item.actorId as string,
      target: item.target as string | undefined,
      details: item.details as Record<string, unknown> | undefined,
    }));
}

/**
 * Arrange-only: sets fields of an organisation item directly, for states another area's API produces
 * (a suspended organisation, a smaller seat limit) so these tests do not depend on those endpoints.
 */
export async function setOrganisationFields(organisationId: string, fields: Record<string, unknown>) {
  const names = Object.fromEntries(Object.keys(fields).map((field, i) => [`#f${i}`, field]));
  const values = Object.fromEntries(Object.values(fields).map((value, i) => [`:f${i}`, value]));
  await dynamo().send(
    new UpdateCommand({
      TableName: stack().tableName,
      Key: { pk: `ORG#${organisationId}`, sk: 'ORGANISATION' },
      UpdateExpression: `SET ${Object.keys(fields)
        .map((_, i) => `#f${i} = :f${i}`)
        .join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}
