import { describe, expect, it } from 'vitest';
import {
  patientIdOfSearchSk,
  patientSearchKeys,
  patientSearchPk,
  SHARD_CHARS,
  searchFold,
  searchPlan,
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

describe('index keys', () => {
  it('keeps every entry under the tenant ORG# prefix, sharded by the first letters', () => {
    const keys = patientSearchKeys('org-1', { id: 'p1', nom: 'Éluard', prenom: 'Paul' });
    expect(keys).toEqual([
      { pk: 'ORG#org-1#PNAME#el', sk: 'eluard paul#p1' },
      { pk: 'ORG#org-1#PNAME#pa', sk: 'paul eluard#p1' },
    ]);
    for (const key of keys) expect(key.pk.startsWith('ORG#org-1#')).toBe(true);
    expect(patientIdOfSearchSk(keys[0]?.sk ?? '')).toBe('p1');
  });
  it('never shares a key between tenants', () => {
    const a = patientSearchKeys('org-a', { id: 'p', nom: 'Martin', prenom: 'Anne' });
    const b = patientSearchKeys('org-b', { id: 'p', nom: 'Martin', prenom: 'Anne' });
    for (const key of a) expect(b.map((other) => other.pk)).not.toContain(key.pk);
  });
  it('pads short names and skips empty ones', () => {
    expect(searchShard('o')).toHaveLength(SHARD_CHARS);
    expect(patientSearchKeys('o1', { id: 'x', nom: 'O', prenom: '' })).toEqual([{ pk: 'ORG#o1#PNAME#o_', sk: 'o#x' }]);
  });
  it('sorts entries by name: the sort key orders by family then given name', () => {
    const sks = [
      { id: '1', nom: 'Martin', prenom: 'Zoé' },
      { id: '2', nom: 'Marchand', prenom: 'Anne' },
      { id: '3', nom: 'Martin', prenom: 'Ève' },
    ].map((p) => patientSearchKeys('o', p)[0]?.sk);
    expect([...sks].sort()).toEqual(['marchand anne#2', 'martin eve#3', 'martin zoe#1']);
  });
});

describe('searchPlan', () => {
  it('reads the one shard a query of two or more letters names, with or without accents', () => {
    const accented = searchPlan('org-1', 'Élu');
    const plain = searchPlan('org-1', 'elu');
    expect(accented).toEqual({ prefix: 'elu', pk: patientSearchPk('org-1', 'el'), exact: true });
    expect(plain).toEqual(accented);
    const [entry] = patientSearchKeys('org-1', { id: 'p1', nom: 'Éluard', prenom: 'Paul' });
    expect(entry?.pk).toBe(plain?.pk);
    expect(entry?.sk.startsWith(plain?.prefix ?? '?')).toBe(true);
  });
  it('marks a one-letter query as spanning shards and refuses one that folds to nothing', () => {
    expect(searchPlan('org-1', 'É')?.exact).toBe(false);
    expect(searchPlan('org-1', " '- ")).toBeUndefined();
  });
});
