// Cabinet's typed client: openapi-fetch over the types openapi-typescript generates from the OpenAPI document
// (src/schema.ts). Every path, body, query and answer is typed from the route table; a refusal comes back as
// `error`, the RFC 9457 problem (`error.type` is its stable name).
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.ts';

export type { components, operations, paths };
export type CabinetClient = Client<paths>;
export type Problem = components['schemas']['Problem'];

export interface CabinetClientOptions {
  /** The API's origin: `http://127.0.0.1:3000` locally, the HTTP API's endpoint deployed. */
  baseUrl: string;
  /** The ID token to send as a bearer token; called before each request, so a refreshed token is picked up. */
  token?: () => string | undefined;
  /** A fetch of your own (tests, a proxy). */
  fetch?: typeof globalThis.fetch;
}

export function createCabinetClient(options: CabinetClientOptions): CabinetClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const { token } = options;
  if (token) {
    const bearer: Middleware = {
      onRequest({ request }) {
        const value = token();
        if (value && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${value}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}
