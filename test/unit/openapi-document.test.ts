// The OpenAPI document: named components reused by $ref, a valid example for every request and success body, the
// headers and every status and problem type each operation can answer, servers and security schemes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';
import { DIALECT_NAMES } from '#dialects';
import { REFUSAL_EXAMPLES, REFUSALS, type RefusalName } from '#domain/refusals';
import { type RouteDef, routeList } from '#routes';
import { problemSchema } from '#schemas/common';
import { resolve } from '#schemas/lazy';
import { dialectDocument, openApiDocument, problemAnswers, routeExamples } from '../../functions/openapi/document.ts';

type Json = Record<string, any>;
const doc = openApiDocument({ serverUrl: 'https://api.cabinet.test', hostedLoginUrl: 'https://login.cabinet.test' }) as Json;
const operationOf = (route: RouteDef) => doc.paths[route.path][route.method.toLowerCase()] as Json;
const resolveRef = (node: Json): Json => {
  if (typeof node.$ref !== 'string') return node;
  const target = node.$ref
    .slice(2)
    .split('/')
    .reduce((at: Json | undefined, key: string) => at?.[key], doc);
  expect(target, node.$ref).toBeDefined();
  return resolveRef(target as Json);
};
const successStatuses = (route: RouteDef) =>
  Object.entries(route.responses)
    .filter(([, response]) => !('problem' in response) && response.schema)
    .map(([status]) => Number(status));

/** Every refusal the code throws (a catalogue constructor it calls, `refusals.<name>(`), as problem types. */
function problemTypesInCode(): Set<string> {
  const files = (readdirSync('functions', { recursive: true }) as string[]).filter((file) => file.endsWith('.ts'));
  const types = new Set<string>(['urn:cabinet:problem:internal-error']);
  for (const file of files) {
    const source = readFileSync(join('functions', file), 'utf8');
    for (const match of source.matchAll(/\brefusals\.([a-zA-Z]+)\(/g)) {
      const name = (match[1] as string).replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
      if (name !== 'is-refusal') types.add(`urn:cabinet:problem:${name}`);
    }
  }
  return types;
}

describe('OpenAPI document: component schemas', () => {
  const text = JSON.stringify(doc);

  it('describes every request body and success body by $ref to a named component', () => {
    for (const route of routeList) {
      const operation = operationOf(route);
      if (route.body)
        expect(operation.requestBody.content['application/json'].schema.$ref, route.name).toMatch(/^#\/components\/schemas\//);
      for (const status of successStatuses(route)) {
        for (const media of Object.values(operation.responses[status].content) as Json[]) {
          expect(media.schema.$ref, `${route.name} ${status}`).toMatch(/^#\/components\/schemas\//);
        }
      }
    }
  });

  it('writes the problem schema once and references it from every problem response', () => {
    expect(text.split('"$ref":"#/components/schemas/Problem"').length - 1).toBeGreaterThan(routeList.length);
    // Its shape appears nowhere but in its component.
    const { Problem, ...others } = doc.components.schemas;
    expect(Problem.required).toEqual(['type', 'title', 'status', 'detail']);
    expect(JSON.stringify({ ...doc, components: { ...doc.components, schemas: others } })).not.toContain('"instance"');
  });

  it('reuses nested schemas by $ref (a session names its user and organisation)', () => {
    expect(doc.components.schemas.SessionResponse.properties.user).toEqual({ $ref: '#/components/schemas/UserView' });
    expect(doc.components.schemas.PatientListResponse.properties.items.items).toEqual({ $ref: '#/components/schemas/PatientResponse' });
  });

  it('resolves every $ref, and has no component nothing refers to', () => {
    const refs = [...text.matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1] as string);
    for (const ref of new Set(refs)) resolveRef({ $ref: ref });
    for (const kind of ['schemas', 'responses', 'headers'] as const) {
      for (const name of Object.keys(doc.components[kind])) expect(refs, `${kind}/${name}`).toContain(`#/components/${kind}/${name}`);
    }
  });

  it('keeps request bodies strict and leaves responses open to new fields', () => {
    expect(doc.components.schemas.CreatePatientBody.additionalProperties).toBe(false);
    expect(doc.components.schemas.PatientResponse.additionalProperties).toBeUndefined();
  });
});

const allExamples = routeExamples();

describe('OpenAPI document: examples', () => {
  const parses = (schema: z.ZodMiniType, value: unknown, what: string, exactly: boolean) => {
    const result = schema.safeParse(value);
    expect(result.success, `${what}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
    // A response example is exactly what the schema describes (no field it would drop); a request example is
    // already normalised (the parsed body only adds defaults).
    if (exactly) expect(result.data, what).toEqual(value);
    else if (typeof value === 'object') expect(result.data, what).toMatchObject(value as object);
  };

  it('has a valid example for every request body', () => {
    for (const route of routeList) {
      const examples = allExamples[route.name]?.request;
      if (!route.body) {
        expect(examples, `${route.name} has no body`).toBeUndefined();
        continue;
      }
      expect(Object.keys(examples ?? {}).length, `${route.name} lacks a request example`).toBeGreaterThan(0);
      for (const [key, example] of Object.entries(examples ?? {}))
        parses(resolve(route.body), example.value, `${route.name} request ${key}`, false);
      expect(operationOf(route).requestBody.content['application/json'].examples).toEqual(
        Object.fromEntries(Object.entries(examples ?? {}).map(([key, { summary, value }]) => [key, { summary, value }])),
      );
    }
  });

  it('has a valid example for every success body, in the document under each of its media types', () => {
    for (const route of routeList) {
      const examples = allExamples[route.name]?.responses ?? {};
      expect(Object.keys(examples).map(Number).sort(), `${route.name}: examples for exactly its success bodies`).toEqual(
        successStatuses(route).sort(),
      );
      for (const status of successStatuses(route)) {
        const response = route.responses[status] as { schema: Parameters<typeof resolve>[0] };
        const byStatus = examples[status] ?? {};
        expect(Object.keys(byStatus).length, `${route.name} ${status} lacks an example`).toBeGreaterThan(0);
        for (const [key, example] of Object.entries(byStatus)) {
          // A text export of the same answer (text/csv, NDJSON: ResponseDef.exports) is a string, not the JSON body.
          const exported = (route.responses[status] as { exports?: readonly string[] }).exports ?? [];
          const contentType = (example as { contentType?: string }).contentType;
          if (contentType && exported.includes(contentType)) expect(typeof example.value, `${route.name} ${key}`).toBe('string');
          else parses(resolve(response.schema), example.value, `${route.name} ${status} ${key}`, true);
        }
        for (const [mediaType, media] of Object.entries(operationOf(route).responses[status].content) as [string, Json][]) {
          expect(Object.keys(media.examples ?? {}).length, `${route.name} ${status} ${mediaType}`).toBeGreaterThan(0);
        }
      }
    }
  });

  it('has an example for every error response, one per problem type, each the answer of the catalogue’s example', () => {
    const problem = resolve(problemSchema);
    let errorResponses = 0;
    let withExamples = 0;
    for (const route of routeList) {
      for (const [status, response] of Object.entries(operationOf(route).responses as Record<string, Json>)) {
        if (Number(status) < 400) continue;
        errorResponses += 1;
        const media = resolveRef(response).content['application/problem+json'] as Json;
        const types = media.schema.allOf[1].properties.type.enum as string[];
        const examples = Object.entries((media.examples ?? {}) as Record<string, Json>);
        if (examples.length > 0) withExamples += 1;
        expect(examples.map(([, example]) => example.value.type).sort(), `${route.name} ${status}`).toEqual([...types].sort());
        for (const [name, example] of examples) {
          const where = `${route.name} ${status} ${name}`;
          parses(problem, example.value, where, true);
          const refusal = REFUSAL_EXAMPLES[name as RefusalName]();
          expect(example.value, where).toEqual({
            type: `urn:cabinet:problem:${name}`,
            title: REFUSALS[name as RefusalName].title,
            status: Number(status),
            detail: refusal.message,
            ...(refusal.details.fields ? { errors: refusal.details.fields } : {}),
          });
        }
      }
    }
    expect(errorResponses).toBeGreaterThan(routeList.length);
    expect(withExamples).toBe(errorResponses);
  });

  it("keeps the examples to the document: only it calls an area's examples (test/infra/bundling.test.ts: no bundle has one)", () => {
    // A call or a reference of `<area>Examples` outside its own declaration and outside comments.
    const refersToExamples = (source: string) =>
      source
        .split('\n')
        .filter((line) => !/^\s*(\/\/|\*|\/\*\*)/.test(line) && !/^export const [a-z]+Examples = /.test(line))
        .some((line) => /\b[a-z]+Examples\b/.test(line));
    const callers = (readdirSync('functions', { recursive: true }) as string[]).filter(
      (file) => file.endsWith('.ts') && refersToExamples(readFileSync(join('functions', file), 'utf8')),
    );
    // openapi/dialects.ts names each dialect's examples for document.ts, its only importer.
    expect(callers.sort()).toEqual([join('openapi', 'dialects.ts'), join('openapi', 'document.ts')]);
  });
});

describe('OpenAPI document: statuses, problem types and headers', () => {
  const problemTypes = (response: Json): string[] =>
    resolveRef(response).content['application/problem+json'].schema.allOf[1].properties.type.enum as string[];
  const headers = (response: Json) => Object.keys(resolveRef(response).headers ?? {});

  it('answers 405 and 500 on every operation, and 400 (malformed or missing JSON), 413 and 415 wherever there is a body', () => {
    for (const route of routeList) {
      const { responses } = operationOf(route);
      expect(problemTypes(responses[405]), route.name).toEqual(['urn:cabinet:problem:method-not-allowed']);
      expect(headers(responses[405])).toContain('Allow');
      expect(problemTypes(responses[500])).toEqual(['urn:cabinet:problem:internal-error']);
      if (!route.body) {
        expect(responses[413], route.name).toBeUndefined();
        continue;
      }
      expect(problemTypes(responses[400])).toEqual(
        expect.arrayContaining([
          'urn:cabinet:problem:validation-error',
          'urn:cabinet:problem:malformed-json',
          'urn:cabinet:problem:missing-body',
        ]),
      );
      expect(problemTypes(responses[413])).toEqual(['urn:cabinet:problem:payload-too-large']);
      expect(problemTypes(responses[415])).toEqual(['urn:cabinet:problem:unsupported-media-type']);
    }
  });

  it('answers 401 with WWW-Authenticate on every route that reads a token, 403 on member and super-admin routes', () => {
    for (const route of routeList) {
      const { responses } = operationOf(route);
      if (route.auth === 'public') continue;
      expect(problemTypes(responses[401]), route.name).toContain('urn:cabinet:problem:invalid-token');
      expect(headers(responses[401])).toContain('WWW-Authenticate');
      if (route.auth === 'member' || route.auth === 'superAdmin')
        expect(problemTypes(responses[403]), route.name).toContain(
          route.auth === 'member' ? 'urn:cabinet:problem:organisation-suspended' : 'urn:cabinet:problem:super-admin-only',
        );
      if (route.organisationScoped)
        expect(problemTypes(responses[404]), route.name).toContain('urn:cabinet:problem:organisation-not-found');
    }
  });

  it("lists each route's own refusals with their problem type, and Retry-After on 429 and 503", () => {
    const register = routeList.find((route) => route.name === 'register') as RouteDef & { name: string };
    expect(problemTypes(operationOf(register).responses[409]).sort()).toEqual([
      'urn:cabinet:problem:email-taken',
      'urn:cabinet:problem:idempotency-request-in-progress',
      'urn:cabinet:problem:license-number-taken',
      'urn:cabinet:problem:organisation-full',
      'urn:cabinet:problem:organisation-name-taken',
      'urn:cabinet:problem:transaction-conflict',
    ]);
    expect(problemTypes(operationOf(register).responses[429])).toEqual(['urn:cabinet:problem:too-many-requests']);
    expect(headers(operationOf(register).responses[429])).toContain('Retry-After');
    expect(
      problemAnswers(register)
        .get(409)
        ?.map((answer) => answer.description),
    ).toContain('`email-taken`: Email already registered');
    // A creating POST takes an Idempotency-Key: the header parameter, 422 for a reused key, Retry-After on its 409.
    expect(operationOf(register).parameters).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false })]);
    expect(problemTypes(operationOf(register).responses[422])).toEqual(['urn:cabinet:problem:idempotency-key-reused']);
    expect(headers(operationOf(register).responses[409])).toContain('Retry-After');
    expect(headers(operationOf(register).responses[201])).toContain('Idempotent-Replayed');
    const health = operationOf(routeList.find((route) => route.name === 'health') as RouteDef);
    expect(headers(health.responses[503])).toContain('Retry-After');
  });

  it('documents every problem type the code can answer with', () => {
    const documented = new Set(
      routeList.flatMap((route) =>
        Object.values(operationOf(route).responses as Record<string, Json>).flatMap((response) =>
          resolveRef(response).content?.['application/problem+json'] ? problemTypes(response) : [],
        ),
      ),
    );
    // An unknown path has no operation: the document's description names its answer.
    expect(doc.info.description).toContain('urn:cabinet:problem:route-not-found');
    documented.add('urn:cabinet:problem:route-not-found');
    // A refusal only a dialect's route answers (temporary-code-taken: seed 003's create-clinic) is in its document.
    for (const name of DIALECT_NAMES) {
      const dialectDoc = dialectDocument(name, { serverUrl: 'https://api.cabinet.test' }) as Json;
      for (const operation of Object.values(dialectDoc.paths as Record<string, Record<string, Json>>).flatMap(Object.values)) {
        for (const response of Object.values(operation.responses as Record<string, Json>)) {
          const schema = response.content?.['application/problem+json']?.schema;
          for (const type of schema?.allOf?.[1]?.properties?.type?.enum ?? []) documented.add(type);
        }
      }
    }
    for (const type of problemTypesInCode()) expect(documented, type).toContain(type);
  });

  it('sends Cache-Control everywhere and Location with a created patient', () => {
    for (const route of routeList) {
      for (const response of Object.values(operationOf(route).responses as Record<string, Json>)) {
        expect(headers(response), route.name).toContain('Cache-Control');
      }
    }
    const createPatient = operationOf(routeList.find((route) => route.name === 'createPatient') as RouteDef);
    expect(headers(createPatient.responses[201])).toContain('Location');
  });
});

describe('OpenAPI document: servers and sign-in', () => {
  it('names the origin it was built for as its server', () => {
    expect(doc.servers).toEqual([{ url: 'https://api.cabinet.test', description: expect.any(String) }]);
  });

  it('offers the bearer ID token and the hosted login (code + PKCE, sending the id_token) on every route that reads a token', () => {
    expect(doc.components.securitySchemes.hostedLogin).toMatchObject({
      type: 'oauth2',
      'x-tokenName': 'id_token',
      flows: {
        authorizationCode: {
          authorizationUrl: 'https://login.cabinet.test/oauth2/authorize',
          tokenUrl: 'https://login.cabinet.test/oauth2/token',
          scopes: { openid: expect.any(String), email: expect.any(String), profile: expect.any(String) },
        },
      },
    });
    for (const route of routeList) {
      const security = operationOf(route).security;
      if (route.auth === 'public') expect(security, route.name).toEqual([]);
      else expect(security, route.name).toEqual(expect.arrayContaining([{ bearer: [] }, { hostedLogin: ['openid'] }]));
      if (route.auth === 'optionalUser') expect(security).toContainEqual({});
    }
  });

  it('describes every tag it uses', () => {
    expect(doc.tags.map((tag: Json) => tag.name).sort()).toEqual([...new Set(routeList.map((route) => route.tag))].sort());
  });
});
