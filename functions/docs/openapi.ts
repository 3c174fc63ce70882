// GET /api/openapi.json: the document is built once per container; its server is the origin of each request, so
// the docs page's try-it-out calls the very deployment (or local runtime) that served it.
import { docsConfig } from '#core/docs-config';
import type { Input, Reply } from '#http/pipeline';
import type * as routes from '#routes/system';
import { openApiDocument, serversFor } from '../openapi/document.ts';
import { requestOrigin } from './origin.ts';

let document: Record<string, unknown> | undefined;

export async function serveOpenApi({ event }: Input<typeof routes.openapi>): Promise<Reply> {
  const origin = requestOrigin(event);
  document ??= openApiDocument({ serverUrl: origin, hostedLoginUrl: docsConfig.HOSTED_LOGIN_URL });
  return { status: 200, body: { ...document, servers: serversFor(origin) } };
}
