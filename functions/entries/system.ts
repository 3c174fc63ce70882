// The system function: health, the OpenAPI documents and docs pages (Cabinet's and each dialect's), and API Gateway's $default route, i.e. every
// request no route key matches, answered 404 or 405 (with Allow) against the whole route table. No data access.

import { lambdaEntry, routeHandler } from '#http/router';
import { allRouteList, routes } from '#routes';
import { handler as orgCodeDocs } from '../handlers/dialects/org-code/docs.ts';
import { handler as orgCodeOpenapi } from '../handlers/dialects/org-code/openapi.ts';
import { handler as docs } from '../handlers/system/docs.ts';
import { handler as docsFile } from '../handlers/system/docs-file.ts';
import { handler as health } from '../handlers/system/health.ts';
import { handler as openapi } from '../handlers/system/openapi.ts';

export const handler = lambdaEntry(
  'system',
  { health, openapi, docs: routeHandler(routes.docs, docs), docsFile, orgCodeOpenapi, orgCodeDocs },
  { unmatchedAgainst: allRouteList },
);
