// GET /api/organisations/{id}/events: every audited change and every patient change is an event of its
// organisation, written with the change; newest first, or oldest first after an event; ids and field names only.
import { describe, expect, it } from 'vitest';
import { api, problemOf, registerCabinet } from '#test/api';
import { partition } from '#test/emulators';
import { addPerson, createRole, orgPath } from '#test/members';

type Event = { id: string; type: string; organisationId: string; occurredAt: string; data: Record<string, unknown> };

const events = async (cabinet: { token: string; organisation: { id: string } }, query = '') => {
  const response = await api('GET', `/api/organisations/${cabinet.organisation.id}/events${query}`, { token: cabinet.token });
  expect(response.status).toBe(200);
  return response.body as { items: Event[]; nextCursor: string | null };
};

const PATIENT = {
  nom: 'Durand',
  prenom: 'Élise',
  dateNaissance: '1984-03-02',
  email: 'elise.durand@example.org',
  telephone: '+33611223344',
  notes: 'Allergie à la pénicilline',
};

describe('GET /api/organisations/{id}/events', () => {
  it('records each change once, newest first, with the change itself', async () => {
    const cabinet = await registerCabinet();
    const created = await api('POST', '/api/patients', { token: cabinet.token, body: PATIENT });
    expect(created.status).toBe(201);
    const patientId = created.body.id as string;
    expect(
      (await api('PATCH', `/api/patients/${patientId}`, { token: cabinet.token, body: { telephone: '+33699887766', notes: null } })).status,
    ).toBe(200);
    expect((await api('DELETE', `/api/patients/${patientId}`, { token: cabinet.token })).status).toBe(204);

    const { items } = await events(cabinet);

    expect(items.map((event) => event.type)).toEqual(['patient.deleted', 'patient.updated', 'patient.created', 'organisation.created']);
    expect(items[1]).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      type: 'patient.updated',
      organisationId: cabinet.organisation.id,
      occurredAt: expect.any(String),
      data: { actorId: cabinet.user.id, patientId, changes: ['notes', 'telephone'] },
    });
    const ids = items.map((event) => event.id);
    expect([...ids].sort().reverse()).toEqual(ids);
  });

  it("never carries a patient's or a person's details", async () => {
    const cabinet = await registerCabinet();
    const created = await api('POST', '/api/patients', { token: cabinet.token, body: PATIENT });
    await api('PATCH', `/api/patients/${created.body.id}`, { token: cabinet.token, body: { email: 'e.durand@example.net' } });
    const member = await addPerson(cabinet, 'MEMBER');
    await api('PATCH', orgPath(cabinet, `/members/${member.userId}`), { token: cabinet.token, body: { role: 'VIEWER' } });
    await api('PATCH', orgPath(cabinet), { token: cabinet.token, body: { description: 'Médecine générale, Paris 11e' } });

    const { items } = await events(cabinet, '?limit=100');
    const serialised = JSON.stringify(items);

    expect(items.map((event) => event.type)).toEqual(
      expect.arrayContaining(['patient.created', 'patient.updated', 'member.added', 'member.role_changed', 'organisation.updated']),
    );
    for (const value of [
      ...Object.values(PATIENT),
      'e.durand@example.net',
      member.username,
      'Médecine générale',
      cabinet.input.organisationName,
    ]) {
      expect(serialised).not.toContain(value);
    }
    // The stored items hold no more than the answer.
    const stored = (await partition(`ORG#${cabinet.organisation.id}`)).filter((item) => item.type === 'Event');
    expect(stored).toHaveLength(items.length);
    for (const value of Object.values(PATIENT)) expect(JSON.stringify(stored)).not.toContain(value);
  });

  it('catches up oldest first after an event, across pages, filtered by type', async () => {
    const cabinet = await registerCabinet();
    const [first] = (await events(cabinet)).items;
    for (const nom of ['Un', 'Deux', 'Trois']) await api('POST', '/api/patients', { token: cabinet.token, body: { nom, prenom: 'P' } });
    await createRole(cabinet, 'secretariat', ['patients:read']);

    const page1 = await events(cabinet, `?after=${first?.id}&limit=2`);
    expect(page1.items.map((event) => event.type)).toEqual(['patient.created', 'patient.created']);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await events(cabinet, `?limit=2&cursor=${encodeURIComponent(page1.nextCursor ?? '')}`);
    expect(page2.items.map((event) => event.type)).toEqual(['patient.created', 'role.created']);
    expect(page2.items[1]?.data).toEqual({ actorId: cabinet.user.id, roleName: 'secretariat' });

    const roles = await events(cabinet, '?types=role.created,member.added&limit=100');
    expect(roles.items.map((event) => event.type)).toEqual(['role.created']);
  });

  it('refuses an unknown type and a malformed after', async () => {
    const cabinet = await registerCabinet();
    const unknown = await api('GET', orgPath(cabinet, '/events?types=patient.created,patient.read'), { token: cabinet.token });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'types', message: 'Unknown event type: patient.read' }]);
    const after = await api('GET', orgPath(cabinet, '/events?after=nope'), { token: cabinet.token });
    expect(after.status).toBe(400);
    expect(problemOf(after)).toBe('validation-error');
  });

  it("answers 404 for another organisation's events, and 403 without events:read", async () => {
    const cabinet = await registerCabinet();
    const other = await registerCabinet();
    const foreign = await api('GET', orgPath(other, '/events'), { token: cabinet.token });
    expect(foreign.status).toBe(404);
    const member = await addPerson(cabinet, 'MEMBER');
    const denied = await api('GET', orgPath(cabinet, '/events'), { token: member.token });
    expect(denied.status).toBe(403);
    expect(problemOf(denied)).toBe('permission-denied');
  });

  it('is readable by a custom role holding events:read', async () => {
    const cabinet = await registerCabinet();
    await createRole(cabinet, 'integration', ['events:read']);
    const integration = await addPerson(cabinet, 'integration');
    const response = await api('GET', orgPath(cabinet, '/events'), { token: integration.token });
    expect(response.status).toBe(200);
    expect(response.body.items.map((event: Event) => event.type)).toContain('member.added');
  });
});
