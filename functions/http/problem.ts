// RFC 9457 problem+json responses and JSON responses in the API Gateway HTTP API (payload 2.0) format.
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import type { Refusal } from '#domain/refusals';
import * as refusals from '#domain/refusals';
import { PROBLEMS, problemType } from './problems.ts';

type Result = Exclude<APIGatewayProxyResultV2, string>;

/** What every API answer carries, whatever its body. */
export const BASE_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

export function json(status: number, body?: unknown, headers: Record<string, string> = {}): Result {
  if (body === undefined) return { statusCode: status, headers: { ...BASE_HEADERS, ...headers } };
  return {
    statusCode: status,
    headers: { ...BASE_HEADERS, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** The answer to a refusal: its status, problem type and title from the vocabulary, the headers it implies. */
export function problem(refusal: Refusal, instance?: string): Result {
  const { status, title } = PROBLEMS[refusal.refusal];
  const { fields, retryAfterSeconds, allowedMethods } = refusal.details;
  return {
    statusCode: status,
    headers: {
      ...BASE_HEADERS,
      'content-type': 'application/problem+json',
      ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
      ...(retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {}),
      ...(allowedMethods ? { allow: allowedMethods.join(', ') } : {}),
    },
    body: JSON.stringify({
      type: problemType(refusal.refusal),
      title,
      status,
      detail: refusal.message,
      ...(instance ? { instance } : {}),
      ...(fields ? { errors: fields } : {}),
    }),
  };
}

export const internalError = (instance?: string): Result => problem(refusals.internalError(), instance);
