// An audit page as a file a compliance officer opens (GET …/audit with Accept: text/csv or application/x-ndjson): the
// same entries as the JSON page, one row or line each. CSV follows RFC 4180 (a header row, CRLF, fields quoted when
// they hold a comma, a quote or a line break, quotes doubled) and is safe to open in a spreadsheet: a cell that a
// spreadsheet would read as a formula (=, +, -, @, tab, carriage return first) is prefixed with an apostrophe.

export type AuditFormat = 'json' | 'csv' | 'ndjson';

/** The columns of a trail exported as CSV (the platform's adds organisationId after id). */
export const AUDIT_COLUMNS = ['id', 'at', 'action', 'actorId', 'target', 'details'] as const;
export const PLATFORM_AUDIT_COLUMNS = ['id', 'organisationId', 'at', 'action', 'actorId', 'target', 'details'] as const;

export const EXPORT_TYPES = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson' } as const;

/**
 * The format an Accept header asks for: CSV or NDJSON when it names one (and ranks it above JSON), JSON otherwise.
 * Quality values are honoured; an absent or wildcard header is JSON, as every other route answers.
 */
export function auditFormatOf(accept: string | undefined): AuditFormat {
  if (!accept) return 'json';
  let best: { format: AuditFormat; q: number } = { format: 'json', q: -1 };
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const q = Number(
      params
        .map((param) => param.trim())
        .find((param) => param.startsWith('q='))
        ?.slice(2) ?? '1',
    );
    const format: AuditFormat | undefined =
      type === 'text/csv' ? 'csv' : type === 'application/x-ndjson' ? 'ndjson' : type === 'application/json' ? 'json' : undefined;
    if (format && Number.isFinite(q) && q > best.q) best = { format, q };
  }
  return best.q > 0 ? best.format : 'json';
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: formula-safe, quoted when RFC 4180 requires it. */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows under a header of `columns`, CRLF-terminated (RFC 4180); `details` and other objects as JSON text. */
export function toCsv(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const lines = [columns.map(csvCell).join(','), ...rows.map((row) => columns.map((column) => csvCell(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** One JSON object per line (NDJSON), each line ending with LF. */
export const toNdjson = (rows: readonly Record<string, unknown>[]): string => rows.map((row) => `${JSON.stringify(row)}\n`).join('');

/**
 * The sort-key bounds of `from`/`to` (a date, or a UTC time to the second or millisecond), both inclusive at their
 * own precision: to=2026-01-31 keeps the whole day. Entries sort by `AUDIT#<ISO time>#<id>`, so bounds are prefixes
 * of that time (its trailing Z dropped, so 08:00:00Z still takes 08:00:00.000Z).
 */
export function auditRange(prefix: string, range: { from?: string | undefined; to?: string | undefined }) {
  const bare = (instant: string) => instant.replace(/Z$/, '');
  return {
    lower: `${prefix}${range.from ? bare(range.from) : ''}`,
    upper: `${prefix}${range.to ? bare(range.to) : ''}\uffff`,
  };
}
