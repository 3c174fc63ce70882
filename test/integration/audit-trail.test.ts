// GET /api/organisations/{id}/audit: the organisation's changes, newest first, paginated, for audit:read only.
import { describe, expect, it } from 'vitest';
import { type ApiResponse, api, registerCabinet } from '#test/api';
import { addNewMember } from '#test/organisations';

const auditPath = (organisationId: string, query = '') => `/api/organisations/${organisationId}/audit${query}`;

type Entry = { id: string; action: string; actorId: string; target?: string; details?: Record<string, unknown>; at: string };

async function readAll(token: string, organisationId: string, limit: number): Promise<{ entries: Entry[]; pages: number }> {
  const entries: Entry[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const response: ApiResponse = await api(
      'GET',
      auditPath(organisationId, `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
      { token },
    );
    expect(response.status).toBe(200);
    entries.push(...response.body.items);
    cursor = response.body.nextCursor;
    pages++;
  } while (cursor && pages < 20);
  return { entries, pages };
}

describe('GET /api/organisations/{id}/audit', () => {
  it('starts with organisation.created, recorded with the creator as actor', async () => {
    const cabinet = await registerCabinet();

    const response = await api('GET', auditPath(cabinet.organisation.id), { token: cabinet.token });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [
        {
          id: expect.any(String),
          action: 'organisation.created',
          actorId: cabinet.user.id,
          target: cabinet.user.id,
          details: { nom: cabinet.input.organisationName, role: 'ADMIN' },
          at: expect.any(String),
        },
      ],
      nextCursor: null,
    });
  });

  it('lists newest first across pages, each entry once', async () => {
    const cabinet = await registerCabinet();
    const path = `/api/organisations/${cabinet.organisation.id}`;
    for (const description of ['un', 'deux', 'trois']) {
      const update = await api('PATCH', path, { token: cabinet.token, body: { description } });
      expect(update.status).toBe(200);
    }

    const { entries, pages } = await readAll(cabinet.token, cabinet.organisation.id, 2);

    expect(pages).toBeGreaterThanOrEqual(2);
    expect(entries.map((entry) => entry.action)).toEqual([
      'organisation.updated',
      'organisation.updated',
      'organisation.updated',
      'organisation.created',
    ]);
    expect(entries.map((entry) => entry.details?.description)).toEqual([
      { from: 'deux', to: 'trois' },
      { from: 'un', to: 'deux' },
      { from: null, to: 'un' },
      undefined,
    ]);
    const times = entries.map((entry) => entry.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(4);
  });

  it('records a rename with the old and new names', async () => {
    const cabinet = await registerCabinet();
    const newName = `${cabinet.input.organisationName} bis`;

    await api('PATCH', `/api/organisations/${cabinet.organisation.id}`, { token: cabinet.token, body: { organisationName: newName } });
    const response = await api('GET', auditPath(cabinet.organisation.id, '?limit=1'), { token: cabinet.token });

    expect(response.body.items[0]).toMatchObject({
      action: 'organisation.updated',
      actorId: cabinet.user.id,
      target: cabinet.organisation.id,
      details: { nom: { from: cabinet.input.organisationName, to: newName } },
    });
  });

  it('refuses a cursor from another organisation with 400', async () => {
    const [a, b] = await Promise.all([registerCabinet(), registerCabinet()]);
    await api('PATCH', `/api/organisations/${a.organisation.id}`, { token: a.token, body: { description: 'x' } });
    const page = await api('GET', auditPath(a.organisation.id, '?limit=1'), { token: a.token });
    expect(page.body.nextCursor).toEqual(expect.any(String));

    const replay = await api('GET', auditPath(b.organisation.id, `?limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`), {
      token: b.token,
    });

    expect(replay.status).toBe(400);
  });

  it("answers 403 to MEMBER and VIEWER (no audit:read), 404 for another organisation's id", async () => {
    const [cabinet, other] = await Promise.all([registerCabinet(), registerCabinet()]);
    const member = await addNewMember(cabinet, 'MEMBER');
    const viewer = await addNewMember(cabinet, 'VIEWER');

    expect((await api('GET', auditPath(cabinet.organisation.id), { token: member.token })).status).toBe(403);
    expect((await api('GET', auditPath(cabinet.organisation.id), { token: viewer.token })).status).toBe(403);
    expect((await api('GET', auditPath(other.organisation.id), { token: cabinet.token })).status).toBe(404);
  });

  it('answers 400 for a limit out of range', async () => {
    const cabinet = await registerCabinet();
    const response = await api('GET', auditPath(cabinet.organisation.id, '?limit=0'), { token: cabinet.token });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: 'limit', message: 'Limit must be at least 1' }]);
  });
});
