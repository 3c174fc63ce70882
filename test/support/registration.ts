// Helpers for the registration and join-code tests: register bodies, requests from a chosen client address
// (join-code redemption is rate limited per client IP), and the audit actions of an organisation.
import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { api, newClientAddress, PASSWORD, stack } from './api.ts';
import { dynamo, partition } from './emulators.ts';

/**
 * A fresh loopback address (127.x.y.z, never 127.0.0.1): on Linux the whole 127/8 block reaches the local
 * gateway, which reports it as the request's sourceIp. Each test then has its own per-client rate-limit budget.
 */
export { newClientAddress };

/** Like api(), but sent from the given local address (the gateway's event.requestContext.http.sourceIp). */
export const apiFrom = <T = any>(
  address: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) => api<T>(method, path, { ...options, from: address });

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
 * (a suspended organisation, a smaller seat limit, mirrored on its counters item) so these tests do not depend on
 * those endpoints.
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
  ); // The seats' condition reads the counters item's copy of maxUsers.
  if (fields.maxUsers !== undefined) {
    await dynamo().send(
      new UpdateCommand({
        TableName: stack().tableName,
        Key: { pk: `ORG#${organisationId}`, sk: 'COUNTERS' },
        UpdateExpression: 'SET maxUsers = :max',
        ExpressionAttributeValues: { ':max': fields.maxUsers },
      }),
    );
  }
}
