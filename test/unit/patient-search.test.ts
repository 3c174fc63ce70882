import { describe, expect, it } from 'vitest';
import {
  isNamePosition,
  mergeNamePage,
  namePlan,
  nameSortKey,
  patientNameEntries,
  patientNamePartitions,
  patientNamePk,
  SEARCH_SHARDS,
  type ShardRead,
  sameNameEntries,
  searchFold,
  searchShard,
} from '#domain/patient-search';

describe('searchFold', () => {
  it('folds case and accents the same way for names and queries', () => {
    expect(searchFold('Hélène')).toBe('helene');
    expect(searchFold('HÉLÈNE')).toBe(searchFold('helene'));
    expect(searchFold('Ångström')).toBe('angstrom');
    expect(searchFold('Çelik')).toBe('celik');
  });
  it('spells out ligatures and letters without a decomposition', () => {
    expect(searchFold('Lœtitia')).toBe('loetitia');
    expect(searchFold('Strauß')).toBe('strauss');
    expect(searchFold('Søren')).toBe('soren');
    expect(searchFold('Łukasz')).toBe('lukasz');
  });
  it('turns hyphens, apostrophes and runs of spaces into one space, trimmed', () => {
    expect(searchFold("  D'Artagnan-de   Batz ")).toBe('d artagnan de batz');
    expect(searchFold('Ｍartin')).toBe('martin'); // full-width letter (NFKD)
    expect(searchFold('---')).toBe('');
  });
});

describe('index entries', () => {
  it('keeps every entry under the tenant ORG# prefix, family-first and given-first', () => {
    const entries = patientNameEntries('org-1', { id: 'p1', nom: 'Éluard', prenom: 'Paul' });
    const shard = searchShard('p1');
    expect(entries).toEqual([
      { pk: `ORG#org-1#PNAME#F#${shard}`, sk: 'eluard paul #p1', patientId: 'p1' },
      { pk: `ORG#org-1#PNAME#G#${shard}`, sk: 'paul eluard #p1', patientId: 'p1', familyFirst: 'eluard paul' },
    ]);
    for (const entry of entries) expect(entry.pk.startsWith('ORG#org-1#')).toBe(true);
  });
  it('never shares a partition between tenants', () => {
    const a = patientNamePartitions('org-a');
    const b = patientNamePartitions('org-b');
    expect(a).toHaveLength(2 * SEARCH_SHARDS);
    for (const pk of a) expect(b).not.toContain(pk);
    for (const entry of patientNameEntries('org-a', { id: 'p', nom: 'Martin', prenom: 'Anne' })) expect(a).toContain(entry.pk);
  });
  it('spreads patients evenly over the shards, whatever their names', () => {
    const counts = new Array<number>(SEARCH_SHARDS).fill(0);
    for (let index = 0; index < 4000; index++) {
      const shard = searchShard(`${index.toString(16).padStart(8, '0')}-5f1c-4a7e-9d2b-${index}`);
      counts[shard] = (counts[shard] ?? 0) + 1;
    }
    for (const count of counts) expect(count).toBeGreaterThan((4000 / SEARCH_SHARDS) * 0.9);
    expect(searchShard('same-id')).toBe(searchShard('same-id'));
  });
  it('writes no given-first entry for a given name that folds to nothing', () => {
    expect(patientNameEntries('o1', { id: 'x', nom: 'O', prenom: '-' })).toEqual([
      { pk: patientNamePk('o1', 'F', searchShard('x')), sk: 'o #x', patientId: 'x' },
    ]);
  });
  it('orders a name before its longer forms', () => {
    const sks = [
      { id: '1', nom: 'Durand', prenom: 'Claire-Marie' },
      { id: '2', nom: 'Durand', prenom: 'Clairette' },
      { id: '3', nom: 'Durand', prenom: 'Claire' },
      { id: '4', nom: 'Dupont', prenom: 'Zoé' },
    ].map((p) => patientNameEntries('o', p)[0]?.sk ?? '');
    expect([...sks].sort()).toEqual(['dupont zoe #4', 'durand claire #3', 'durand claire marie #1', 'durand clairette #2']);
  });
  it('tells whether a change of names changes the entries', () => {
    const before = { id: 'p', nom: 'Hélène', prenom: 'Anne' };
    expect(sameNameEntries(before, { ...before, nom: 'HELENE' })).toBe(true);
    expect(sameNameEntries(before, { ...before, nom: 'Helena' })).toBe(false);
  });
});

describe('namePlan', () => {
  it('reads the family-first shards for the list by name, both kinds for a query', () => {
    expect(namePlan('org-1', undefined)).toEqual({
      prefix: '',
      partitions: Array.from({ length: SEARCH_SHARDS }, (_, shard) => patientNamePk('org-1', 'F', shard)),
    });
    const plan = namePlan('org-1', 'Élu');
    expect(plan?.prefix).toBe('elu');
    expect(plan?.partitions).toEqual(patientNamePartitions('org-1'));
    expect(namePlan('org-1', 'elu')).toEqual(plan);
  });
  it('refuses a query that folds to nothing', () => {
    expect(namePlan('org-1', " '- ")).toBeUndefined();
  });
});

const read = (more: boolean, ...entries: [string, string, string?][]): ShardRead => ({
  more,
  entries: entries.map(([name, patientId, familyFirst]) => ({
    sk: nameSortKey(name, patientId),
    patientId,
    ...(familyFirst === undefined ? {} : { familyFirst }),
  })),
});

describe('mergeNamePage', () => {
  it('merges the shards in name order and ends when no shard has more', () => {
    const page = mergeNamePage([read(false, ['b', '2'], ['d', '4']), read(false, ['a', '1'], ['c', '3'])], '', 10);
    expect(page).toEqual({ patientIds: ['1', '2', '3', '4'] });
  });
  it('stops at the limit and resumes after the last entry taken', () => {
    const page = mergeNamePage([read(false, ['b', '2'], ['d', '4']), read(false, ['a', '1'], ['c', '3'])], '', 3);
    expect(page).toEqual({ patientIds: ['1', '2', '3'], position: nameSortKey('c', '3') });
    expect(isNamePosition(page.position ?? '')).toBe(true);
  });
  it('never passes the last key of a shard that has more', () => {
    // Shard 1 stopped at "b": a "bb" may follow it, so "c" and "d" wait for the next page.
    const page = mergeNamePage([read(true, ['a', '1'], ['b', '2']), read(false, ['c', '3'], ['d', '4'])], '', 10);
    expect(page).toEqual({ patientIds: ['1', '2'], position: nameSortKey('b', '2') });
  });
  it('answers a patient matched by both names once, through its family-first entry', () => {
    const family = read(false, ['martin martine', 'p1'], ['martinez anne', 'p2']);
    const given = read(false, ['martine martin', 'p1', 'martin martine'], ['marc dupont', 'p3', 'dupont marc']);
    expect(mergeNamePage([family, given], 'mar', 10)).toEqual({ patientIds: ['p3', 'p1', 'p2'] });
  });
  it('keeps a position when every entry of a page was answered by its family name', () => {
    const given = read(true, ['anne annette', 'p1', 'anne annette']);
    const page = mergeNamePage([read(false), given], 'ann', 10);
    expect(page).toEqual({ patientIds: [], position: nameSortKey('anne annette', 'p1') });
  });
  it('refuses positions that are not name keys', () => {
    expect(isNamePosition('PATIENT#123')).toBe(false);
    expect(isNamePosition('durand claire #')).toBe(false);
    expect(isNamePosition(nameSortKey('durand claire', 'x'))).toBe(true);
  });
});
