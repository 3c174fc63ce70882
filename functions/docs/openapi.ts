// GET /api/openapi.json: the document is built once per container; its server is the origin of each request, so
// the docs page's try-it-out calls the very deployment (or local runtime) that served it.

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { docsConfig } from '#core/docs-config';
import { type DialectName, dialects } from '#dialects';
import type { Reply } from '#http/pipeline';
import { dialectDocument, openApiDocument, serversFor } from '../openapi/document.ts';
import { requestOrigin } from './origin.ts';

let document: Record<string, unknown> | undefined;

export async function serveOpenApi({ event }: { event: APIGatewayProxyEventV2 }): Promise<Reply> {
  const origin = requestOrigin(event);
  document ??= openApiDocument({ serverUrl: origin, hostedLoginUrl: docsConfig.HOSTED_LOGIN_URL });
  return { status: 200, body: { ...document, servers: serversFor(origin) } };
}

/** GET <base>/openapi.json of a dialect (docs/dialects.md): built once per container, like Cabinet's. */
export function serveDialectOpenApi(name: DialectName) {
  let built: Record<string, unknown> | undefined;
  return async ({ event }: { event: APIGatewayProxyEventV2 }): Promise<Reply> => {
    const origin = requestOrigin(event);
    built ??= dialectDocument(name, { serverUrl: origin, hostedLoginUrl: docsConfig.HOSTED_LOGIN_URL });
    return { status: 200, body: { ...built, servers: serversFor(`${origin}${dialects[name].base}`) } };
  };
}
