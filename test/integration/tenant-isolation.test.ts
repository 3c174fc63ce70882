// Two cabinets probing each other's patients on every verb: the answer is always the one for a missing id.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, registerCabinet } from '#test/api';

describe('tenant isolation', () => {
  let a: Awaited<ReturnType<typeof registerCabinet>>;
  let b: Awaited<ReturnType<typeof registerCabinet>>;
  let patientOfA: { id: string; nom: string };

  beforeAll(async () => {
    [a, b] = await Promise.all([registerCabinet(), registerCabinet()]);
    patientOfA = (await api('POST', '/api/patients', { token: a.token, body: { nom: 'Secret', prenom: 'Patient' } })).body;
  });

  const missing = async (method: string, id: string, body?: unknown) =>
    api(method, `/api/patients/${id}`, { token: b.token, ...(body ? { body } : {}) });

  it.each([
    ['GET', undefined],
    ['PATCH', { nom: 'Hijacked' }],
    ['DELETE', undefined],
  ])("answers %s on another cabinet's patient with 404, exactly like a missing one", async (method, body) => {
    const foreign = await missing(method, patientOfA.id, body);
    const absent = await missing(method, randomUUID(), body);
    expect(foreign.status).toBe(404);
    expect(absent.status).toBe(404);
    expect({ ...foreign.body, instance: undefined }).toEqual({ ...absent.body, instance: undefined });
  });

  it('leaves the probed patient untouched', async () => {
    const own = await api('GET', `/api/patients/${patientOfA.id}`, { token: a.token });
    expect(own.status).toBe(200);
    expect(own.body.nom).toBe('Secret');
  });

  it("never lists another cabinet's patients", async () => {
    const list = await api('GET', '/api/patients?limit=100', { token: b.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).not.toContain(patientOfA.id);
  });

  it('ignores an organisationId smuggled in the body (rejected as an unknown field)', async () => {
    const response = await api('POST', '/api/patients', {
      token: b.token,
      body: { nom: 'X', prenom: 'Y', organisationId: a.organisation.id },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toContainEqual({ path: 'organisationId', message: 'Unknown field' });
  });

  it('refuses a list cursor replayed by another cabinet', async () => {
    await api('POST', '/api/patients', { token: a.token, body: { nom: 'Second', prenom: 'Patient' } });
    const page = await api('GET', '/api/patients?limit=1', { token: a.token });
    expect(page.body.nextCursor).toEqual(expect.any(String));
    const replay = await api('GET', `/api/patients?limit=1&cursor=${encodeURIComponent(page.body.nextCursor)}`, { token: b.token });
    expect(replay.status).toBe(400);
    expect(replay.headers.get('content-type')).toContain('application/problem+json');
  });
});
