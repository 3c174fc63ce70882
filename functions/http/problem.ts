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

/** The RFC 9457 members of a refusal's answer: its problem type, title and status from the vocabulary, and the detail. */
export function problemBody(refusal: Refusal, instance?: string) {
  const { status, title } = PROBLEMS[refusal.refusal];
  const { fields } = refusal.details;
  return {
    type: problemType(refusal.refusal),
    title,
    status,
    detail: refusal.message,
    ...(instance ? { instance } : {}),
    ...(fields ? { errors: fields } : {}),
  };
}

/**
 * The answer to a refusal: its status, problem type and title from the vocabulary, the headers it implies. A dialect
 * (docs/dialects.md) adds its seed's own members (`extra`, e.g. `{ error }`) to the same problem+json.
 */
export function problem(refusal: Refusal, instance?: string, extra?: Record<string, unknown>): Result {
  // A seed may restate the status (Laravel's 422 for invalid input) and `errors` in its own shape; the type, title
  // and detail stay Cabinet's.
  const status = typeof extra?.status === 'number' ? extra.status : PROBLEMS[refusal.refusal].status;
  const { retryAfterSeconds, allowedMethods } = refusal.details;
  return {
    statusCode: status,
    headers: {
      ...BASE_HEADERS,
      'content-type': 'application/problem+json',
      ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
      ...(retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {}),
      ...(allowedMethods ? { allow: allowedMethods.join(', ') } : {}),
    },
    body: JSON.stringify(
      extra
        ? { ...extra, ...problemBody(refusal, instance), status, ...('errors' in extra ? { errors: extra.errors } : {}) }
        : problemBody(refusal, instance),
    ),
  };
}

export function internalError(instance?: string, seedError?: (refusal: Refusal) => Record<string, unknown>): Result {
  const refusal = refusals.internalError();
  return problem(refusal, instance, seedError?.(refusal));
}
