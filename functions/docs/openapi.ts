// GET /api/openapi.json: the document is built once per container; its server is the origin of each request, so
// the docs page's try-it-out calls the very deployment (or local runtime) that served it.

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { docsConfig } from '#core/docs-config';
import type { Reply } from '#http/pipeline';
import { openApiDocument, serversFor } from '../openapi/document.ts';
import { requestOrigin } from './origin.ts';

let document: Record<string, unknown> | undefined;

export async function serveOpenApi({ event }: { event: APIGatewayProxyEventV2 }): Promise<Reply> {
  const origin = requestOrigin(event);
  document ??= openApiDocument({ serverUrl: origin, hostedLoginUrl: docsConfig.HOSTED_LOGIN_URL });
  return { status: 200, body: { ...document, servers: serversFor(origin) } };
}
