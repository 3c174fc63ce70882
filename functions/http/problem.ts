// RFC 9457 problem+json responses and JSON responses in the API Gateway HTTP API (payload 2.0) format.
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { HttpError } from '#core/errors';

type Result = Exclude<APIGatewayProxyResultV2, string>;

const BASE_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

export function json(status: number, body?: unknown, headers: Record<string, string> = {}): Result {
  if (body === undefined) return { statusCode: status, headers: { ...BASE_HEADERS, ...headers } };
  return {
    statusCode: status,
    headers: { ...BASE_HEADERS, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

export function problem(error: HttpError, instance?: string): Result {
  return {
    statusCode: error.status,
    headers: { ...BASE_HEADERS, 'content-type': 'application/problem+json', ...error.extra.headers },
    body: JSON.stringify({
      type: `urn:cabinet:problem:${error.code}`,
      title: error.title,
      status: error.status,
      detail: error.message,
      ...(instance ? { instance } : {}),
      ...(error.extra.errors ? { errors: error.extra.errors } : {}),
    }),
  };
}

export const internalError = (instance?: string): Result =>
  problem(new HttpError(500, 'internal-error', 'Internal Server Error', 'An unexpected error occurred.'), instance);
