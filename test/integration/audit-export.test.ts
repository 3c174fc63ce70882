// The audit trail exported (issue 18): GET …/audit with Accept: text/csv or application/x-ndjson answers the same page
// as the JSON one, the next page in a Link header, from/to filter by time; the platform trail the same.
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, api, problemOf, registerCabinet } from '#test/api';
import { addNewMember } from '#test/organisations';
import { createSuperAdmin } from '#test/platform';

const CSV = { accept: 'text/csv' };
const NDJSON = { accept: 'application/x-ndjson' };
const auditPath = (organisationId: string, query = '') => `/api/organisations/${organisationId}/audit${query}`;
const rowsOf = (csv: string) => csv.split('\r\n').filter((line) => line !== '');
const today = () => new Date().toISOString().slice(0, 10);

let cabinet: Awaited<ReturnType<typeof registerCabinet>>;

beforeAll(async () => {
  cabinet = await registerCabinet();
  // Three more entries: two members added, one role change.
  await addNewMember(cabinet, 'MEMBER');
  const viewer = await addNewMember(cabinet, 'VIEWER');
  await api('PATCH', `/api/organisations/${cabinet.organisation.id}/members/${viewer.user.id}`, {
    token: cabinet.token,
    body: { role: 'MEMBER' },
  });
});

describe('GET /api/organisations/{id}/audit as a file', () => {
  it('answers the JSON page as CSV: a header row, one CRLF row per entry, in the same order', async () => {
    const json = await api('GET', auditPath(cabinet.organisation.id), { token: cabinet.token });
    const csv = await api('GET', auditPath(cabinet.organisation.id), { token: cabinet.token, headers: CSV });

    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('vary')).toBe('Accept');
    const [header, ...rows] = rowsOf(csv.text);
    expect(header).toBe('id,at,action,actorId,target,details');
    expect(rows.map((row) => row.split(',')[0])).toEqual(json.body.items.map((entry: { id: string }) => entry.id));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(csv.text.endsWith('\r\n')).toBe(true);
  });

  it('answers it as NDJSON: one JSON entry per line, equal to the JSON page', async () => {
    const json = await api('GET', auditPath(cabinet.organisation.id), { token: cabinet.token });
    const ndjson = await api('GET', auditPath(cabinet.organisation.id), { token: cabinet.token, headers: NDJSON });

    expect(ndjson.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = ndjson.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(lines).toEqual(json.body.items);
  });

  it('names the next page in a Link header: following it exports the whole trail once', async () => {
    const all = (await api('GET', auditPath(cabinet.organisation.id, '?limit=100'), { token: cabinet.token })).body.items.map(
      (entry: { id: string }) => entry.id,
    );
    const exported: string[] = [];
    let next: string | undefined = auditPath(cabinet.organisation.id, '?limit=1');
    let pages = 0;
    while (next) {
      const page: ApiResponse = await api('GET', next, { token: cabinet.token, headers: CSV });
      expect(page.status).toBe(200);
      exported.push(
        ...rowsOf(page.text)
          .slice(1)
          .map((row) => row.split(',')[0] ?? ''),
      );
      next = /^<([^>]+)>; rel="next"$/.exec(page.headers.get('link') ?? '')?.[1];
      pages += 1;
      expect(pages).toBeLessThan(50);
    }
    expect(exported).toEqual(all);
    expect(pages).toBeGreaterThanOrEqual(all.length);
  });

  it('filters by from and to (dates or UTC times, inclusive), in every format', async () => {
    const all = (await api('GET', auditPath(cabinet.organisation.id), { token: cabinet.token })).body.items;
    const todays = await api('GET', auditPath(cabinet.organisation.id, `?from=${today()}&to=${today()}`), { token: cabinet.token });
    const before = await api('GET', auditPath(cabinet.organisation.id, '?to=2020-01-01'), { token: cabinet.token, headers: CSV });
    const oldest = all[all.length - 1] as { at: string; id: string };
    const second = `${oldest.at.slice(0, 19)}Z`;
    const atThatSecond = await api('GET', auditPath(cabinet.organisation.id, `?from=${second}&to=${second}`), { token: cabinet.token });

    expect(todays.body.items).toEqual(all);
    expect(rowsOf(before.text)).toEqual(['id,at,action,actorId,target,details']);
    expect(atThatSecond.body.items.map((entry: { id: string }) => entry.id)).toContain(oldest.id);
  });

  it('refuses a malformed period with the field and the rule, and keeps the answers of every other route', async () => {
    const bad = await api('GET', auditPath(cabinet.organisation.id, '?from=31/01/2026'), { token: cabinet.token, headers: CSV });

    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body.errors).toEqual([{ path: 'from', message: expect.stringContaining('a date (2026-01-31)') }]);
  });

  it("answers 404 for another organisation's trail and 403 without audit:read, whatever Accept says", async () => {
    const other = await registerCabinet();
    const member = await addNewMember(cabinet, 'MEMBER');

    const foreign = await api('GET', auditPath(other.organisation.id), { token: cabinet.token, headers: CSV });
    const forbidden = await api('GET', auditPath(cabinet.organisation.id), { token: member.token, headers: NDJSON });

    expect(foreign.status).toBe(404);
    expect(problemOf(foreign)).toBe('organisation-not-found');
    expect(foreign.text).not.toContain('id,at,action');
    expect(forbidden.status).toBe(403);
  });
});

describe('GET /api/platform/audit as a file', () => {
  it("exports the platform trail with each entry's organisation", async () => {
    const root = await createSuperAdmin();
    await api('POST', `/api/platform/organisations/${cabinet.organisation.id}/suspend`, { token: root.token });
    await api('POST', `/api/platform/organisations/${cabinet.organisation.id}/reactivate`, { token: root.token });

    const csv = await api('GET', '/api/platform/audit?limit=10', { token: root.token, headers: CSV });

    expect(csv.status).toBe(200);
    const [header, ...rows] = rowsOf(csv.text);
    expect(header).toBe('id,organisationId,at,action,actorId,target,details');
    expect(rows.some((row) => row.split(',')[1] === cabinet.organisation.id)).toBe(true);
  });
});
