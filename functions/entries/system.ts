// The system function: health, the OpenAPI document, the docs page, and API Gateway's $default route, i.e. every
// request no route key matches, answered 404 or 405 (with Allow) against the whole route table. No data access.

import { lambdaEntry, routeHandler } from '#http/router';
import { routeList, routes } from '#routes';
import { handler as docs } from '../handlers/system/docs.ts';
import { handler as docsFile } from '../handlers/system/docs-file.ts';
import { handler as health } from '../handlers/system/health.ts';
import { handler as openapi } from '../handlers/system/openapi.ts';

export const handler = lambdaEntry(
  'system',
  { health, openapi, docs: routeHandler(routes.docs, docs), docsFile },
  { unmatchedAgainst: routeList },
);
