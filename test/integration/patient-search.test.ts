// GET /api/patients?q= and ?sort=name: prefix search over family and given names, case and accents ignored, sorted
// by name, paginated, within the caller's organisation only; the name entries follow every create, rename and delete.
import { beforeAll, describe, expect, it } from 'vitest';
import { patientNamePartitions } from '#domain/patient-search';
import { api, registerCabinet } from '#test/api';
import { partition } from '#test/emulators';

type Cabinet = Awaited<ReturnType<typeof registerCabinet>>;
type Listed = { id: string; nom: string; prenom: string };

const create = async (cabinet: Cabinet, nom: string, prenom: string): Promise<Listed> => {
  const response = await api('POST', '/api/patients', { token: cabinet.token, body: { nom, prenom } });
  expect(response.status).toBe(201);
  return response.body;
};

const search = (cabinet: Cabinet, query: string) => api('GET', `/api/patients?${query}`, { token: cabinet.token });
const names = (items: Listed[]) => items.map((p) => `${p.nom} ${p.prenom}`);

/** Every page of a listing, following nextCursor. */
async function allPages(cabinet: Cabinet, query: string): Promise<Listed[]> {
  const items: Listed[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) {
    const response = await search(cabinet, `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(response.status).toBe(200);
    items.push(...response.body.items);
    cursor = response.body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('more than 50 pages');
}

describe('patient search', () => {
  let a: Cabinet;
  let b: Cabinet;

  beforeAll(async () => {
    [a, b] = await Promise.all([registerCabinet(), registerCabinet()]);
    for (const [nom, prenom] of [
      ['Dürr', 'Élise'],
      ['Durand', 'Claire'],
      ['Martin', 'Éloïse'],
      ['Dupont', 'Zoé'],
      ['Lefèvre', 'Durandal'],
      ['Éluard', 'Paul'],
      ['Durand', 'Claire-Marie'],
    ]) {
      await create(a, nom as string, prenom as string);
    }
    await create(b, 'Durand', 'Bernard');
  });

  it('finds by a prefix of the family or the given name, with or without accents, sorted by that name', async () => {
    const plain = await search(a, 'q=dur');
    expect(plain.status).toBe(200);
    // Family names starting with "dur" (Dürr folds to durr), then a given name (Durandal Lefèvre), in name order.
    expect(names(plain.body.items)).toEqual(['Durand Claire', 'Durand Claire-Marie', 'Lefèvre Durandal', 'Dürr Élise']);
    const accented = await search(a, `q=${encodeURIComponent('DÜR')}`);
    expect(names(accented.body.items)).toEqual(names(plain.body.items));
    const given = await search(a, `q=${encodeURIComponent('élo')}`);
    expect(names(given.body.items)).toEqual(['Martin Éloïse']);
    expect(names((await search(a, 'q=elo')).body.items)).toEqual(['Martin Éloïse']);
  });

  it('matches across both names and answers a patient once', async () => {
    const both = await search(a, `q=${encodeURIComponent('claire du')}`);
    // Given name first: "claire durand" matches, "claire marie durand" does not.
    expect(names(both.body.items)).toEqual(['Durand Claire']);
    expect(names((await search(a, 'q=claire-marie')).body.items)).toEqual(['Durand Claire-Marie']);
    const family = await search(a, 'q=durand%20claire');
    expect(names(family.body.items)).toEqual(['Durand Claire', 'Durand Claire-Marie']);
    expect((await search(a, 'q=zzz')).body).toEqual({ items: [], nextCursor: null });
  });

  it("never finds another cabinet's patients", async () => {
    const ofB = await search(b, 'q=dur');
    expect(names(ofB.body.items)).toEqual(['Durand Bernard']);
    expect(names((await search(a, 'q=bernard')).body.items)).toEqual([]);
    const sortedB = await allPages(b, 'sort=name&limit=5');
    expect(names(sortedB)).toEqual(['Durand Bernard']);
  });

  it('sorts the whole list by name, page after page', async () => {
    const listed = await allPages(a, 'sort=name&limit=2');
    expect(names(listed)).toEqual([
      'Dupont Zoé',
      'Durand Claire',
      'Durand Claire-Marie',
      'Dürr Élise',
      'Éluard Paul',
      'Lefèvre Durandal',
      'Martin Éloïse',
    ]);
    const searched = await allPages(a, 'q=du&limit=1');
    expect(names(searched)).toEqual(['Dupont Zoé', 'Durand Claire', 'Durand Claire-Marie', 'Lefèvre Durandal', 'Dürr Élise']);
  });

  it('follows a rename and a deletion, and a change of other fields keeps the entries', async () => {
    const cabinet = await registerCabinet();
    const patient = await create(cabinet, 'Moreau', 'Inès');
    expect(names((await search(cabinet, 'q=mor')).body.items)).toEqual(['Moreau Inès']);
    expect((await api('PATCH', `/api/patients/${patient.id}`, { token: cabinet.token, body: { nom: 'Petit' } })).status).toBe(200);
    expect((await search(cabinet, 'q=mor')).body.items).toEqual([]);
    expect(names((await search(cabinet, 'q=pet')).body.items)).toEqual(['Petit Inès']);
    const renamed = await api('PATCH', `/api/patients/${patient.id}`, { token: cabinet.token, body: { telephone: '+33 6 12 34 56 78' } });
    expect(renamed.status).toBe(200);
    expect((await search(cabinet, 'q=ines')).body.items).toEqual([renamed.body]);
    expect((await api('DELETE', `/api/patients/${patient.id}`, { token: cabinet.token })).status).toBe(204);
    expect((await search(cabinet, 'q=pet')).body.items).toEqual([]);
    const entries = await Promise.all(patientNamePartitions(cabinet.organisation.id).map((pk) => partition(pk)));
    expect(entries.flat()).toEqual([]);
  });

  it('refuses a query without a letter or digit, an unknown sort and a cursor of the plain list', async () => {
    const punctuation = await search(a, `q=${encodeURIComponent("-' ")}`);
    expect(punctuation.status).toBe(400);
    expect(punctuation.body.type).toBe('urn:cabinet:problem:validation-error');
    expect(punctuation.body.errors).toEqual([expect.objectContaining({ path: 'q' })]);
    const sort = await search(a, 'sort=age');
    expect(sort.status).toBe(400);
    expect(sort.body.errors).toEqual([expect.objectContaining({ path: 'sort' })]);
    const plain = await search(a, 'limit=1');
    const mixed = await search(a, `sort=name&cursor=${encodeURIComponent(plain.body.nextCursor)}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.type).toBe('urn:cabinet:problem:invalid-cursor');
    const sorted = await search(a, 'sort=name&limit=1');
    const foreign = await search(b, `q=du&cursor=${encodeURIComponent(sorted.body.nextCursor)}`);
    expect(foreign.body.type).toBe('urn:cabinet:problem:invalid-cursor');
  });
});
