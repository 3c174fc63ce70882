// An audit page answered as the Accept header asks (domain/audit-export.ts): JSON as every route answers, or the same
// entries as CSV or NDJSON, the next page named by a Link header (the same filters, the next cursor) since a file
// has no nextCursor field. A year is exported by following rel="next" until it is absent.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { auditFormatOf, EXPORT_TYPES, toCsv, toNdjson } from '#domain/audit-export';
import type { Reply } from './exchange.ts';
import { BASE_HEADERS } from './problem.ts';

export function auditPageReply(
  event: APIGatewayProxyEventV2,
  page: { items: readonly object[]; nextCursor: string | null },
  columns: readonly string[],
): Reply {
  const format = auditFormatOf(event.headers?.accept);
  const vary = { vary: 'Accept' };
  if (format === 'json') return { status: 200, body: page, headers: vary };
  const rows = page.items as readonly Record<string, unknown>[];
  const next: Record<string, string> = page.nextCursor
    ? { link: `<${event.rawPath}?${new URLSearchParams({ ...event.queryStringParameters, cursor: page.nextCursor })}>; rel="next"` }
    : {};
  return {
    status: 200,
    headers: { ...BASE_HEADERS, ...vary, 'content-type': EXPORT_TYPES[format], ...next },
    raw: { body: format === 'csv' ? toCsv(columns, rows) : toNdjson(rows) },
  };
}
