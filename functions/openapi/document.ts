// Builds the OpenAPI 3.1 document from the route table and its zod schemas.
import * as z from 'zod/mini';
import type { RefusalName } from '#domain/refusal';
import { PROBLEMS, problemType } from '#http/problems';
import { type ResponseDef, type RouteDef, routeList } from '#routes';
import { routeProblems } from '#routes/problems';
import { problemSchema } from '#schemas/common';
import { resolve, type SchemaRef } from '#schemas/lazy';

type JsonSchema = Record<string, unknown>;

function schemaOf(ref: SchemaRef, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...json } = z.toJSONSchema(resolve(ref), { io, unrepresentable: 'any' }) as JsonSchema;
  return json;
}

function parameters(route: RouteDef) {
  const list: Record<string, unknown>[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      list.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: property });
    }
  }
  return list;
}

/** The route's refusals grouped by status: each status lists the problem types it can carry. */
function problemResponses(route: RouteDef) {
  const byStatus = new Map<number, RefusalName[]>();
  for (const name of routeProblems(route)) {
    const { status } = PROBLEMS[name];
    byStatus.set(status, [...(byStatus.get(status) ?? []), name]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, names]) => [
      status,
      {
        description: names.map((name) => `\`${name}\`: ${PROBLEMS[name].title}`).join('; '),
        content: {
          'application/problem+json': {
            schema: {
              ...schemaOf(problemSchema, 'output'),
              properties: { ...problemProperties(), type: { enum: names.map(problemType) } },
            },
          },
        },
      },
    ]),
  );
}

const problemProperties = () => (schemaOf(problemSchema, 'output') as { properties: Record<string, unknown> }).properties;

function responseOf(response: ResponseDef) {
  return {
    description: response.description,
    ...(response.schema
      ? { content: { [response.contentType ?? 'application/json']: { schema: schemaOf(response.schema, 'output') } } }
      : {}),
  };
}

function operation(route: RouteDef & { name: string }) {
  return {
    operationId: route.name,
    summary: route.summary,
    tags: [route.tag],
    security: route.auth === 'public' ? [] : route.auth === 'optionalUser' ? [{}, { bearer: [] }] : [{ bearer: [] }],
    ...(route.auth === 'superAdmin' ? { 'x-requires': 'platform super-admin' } : {}),
    ...(route.permission ? { 'x-permission': route.permission } : {}),
    ...(route.params || route.query ? { parameters: parameters(route) } : {}),
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } } : {}),
    responses: {
      ...Object.fromEntries(Object.entries(route.responses).map(([status, response]) => [status, responseOf(response)])),
      ...problemResponses(route),
    },
  };
}

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routeList) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cabinet API',
      version: '0.1.0',
      description:
        'Multi-tenant backend for professional practices. Authenticate with the ID token returned by ' +
        '/api/auth/register-cabinet or /api/auth/login as `Authorization: Bearer <token>`. Errors are RFC 9457 problem+json.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (Cognito ID token)' } },
    },
    paths,
  };
}
