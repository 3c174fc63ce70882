// The audit trail as CSV and NDJSON (functions/domain/audit-export.ts): content negotiation, RFC 4180, formula safety.
import { describe, expect, it } from 'vitest';
import { auditFormatOf, auditRange, csvCell, toCsv, toNdjson } from '#domain/audit-export';

describe('auditFormatOf', () => {
  it('answers CSV or NDJSON when the Accept header asks for it, JSON otherwise', () => {
    expect(auditFormatOf('text/csv')).toBe('csv');
    expect(auditFormatOf('application/x-ndjson')).toBe('ndjson');
    expect(auditFormatOf(undefined)).toBe('json');
    expect(auditFormatOf('*/*')).toBe('json');
    expect(auditFormatOf('application/json')).toBe('json');
    expect(auditFormatOf('text/html')).toBe('json');
  });

  it('honours quality values', () => {
    expect(auditFormatOf('application/json;q=0.5, text/csv')).toBe('csv');
    expect(auditFormatOf('text/csv;q=0.2, application/json')).toBe('json');
    expect(auditFormatOf('text/csv;q=0')).toBe('json');
  });
});

describe('csvCell', () => {
  it('quotes a field with a comma, a quote or a line break, doubling quotes (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(undefined)).toBe('');
  });

  it('defuses what a spreadsheet would run as a formula', () => {
    for (const formula of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) {
      expect(csvCell(formula).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
  });

  it('writes objects as JSON text', () => {
    expect(csvCell({ role: 'ADMIN' })).toBe('"{""role"":""ADMIN""}"');
  });
});

describe('toCsv and toNdjson', () => {
  it('writes a header row and one CRLF-terminated row per entry', () => {
    expect(toCsv(['id', 'action'], [{ id: '1', action: 'member.added' }, { id: '2' }])).toBe('id,action\r\n1,member.added\r\n2,\r\n');
    expect(toCsv(['id'], [])).toBe('id\r\n');
  });

  it('writes one JSON object per line', () => {
    expect(toNdjson([{ id: '1' }, { id: '2', details: { a: 1 } }])).toBe('{"id":"1"}\n{"id":"2","details":{"a":1}}\n');
    expect(toNdjson([])).toBe('');
  });
});

describe('auditRange', () => {
  const sk = (at: string) => `AUDIT#${at}#entry-1`;
  const within = (at: string, range: { from?: string; to?: string }) => {
    const { lower, upper } = auditRange('AUDIT#', range);
    return sk(at) >= lower && sk(at) <= upper;
  };

  it('keeps whole days and whole seconds, both ends inclusive', () => {
    expect(within('2026-01-31T23:59:59.999Z', { to: '2026-01-31' })).toBe(true);
    expect(within('2026-02-01T00:00:00.000Z', { to: '2026-01-31' })).toBe(false);
    expect(within('2026-01-31T00:00:00.000Z', { from: '2026-01-31' })).toBe(true);
    expect(within('2026-01-30T23:59:59.999Z', { from: '2026-01-31' })).toBe(false);
    expect(within('2026-01-31T08:00:00.000Z', { from: '2026-01-31T08:00:00Z', to: '2026-01-31T08:00:00Z' })).toBe(true);
    expect(within('2026-01-31T08:00:01.000Z', { to: '2026-01-31T08:00:00Z' })).toBe(false);
  });

  it('is the whole trail without bounds', () => {
    expect(within('1970-01-01T00:00:00.000Z', {})).toBe(true);
    expect(within('2999-12-31T23:59:59.999Z', {})).toBe(true);
  });
});
