import { describe, expect, it } from 'vitest';
import { nameKey, slugCandidate, slugify, splitName } from '#domain/names';

describe('nameKey', () => {
  it('compares organisation names trimmed, case- and accent-insensitively', () => {
    expect(nameKey('  Cabinet Médical  Hélène ')).toBe(nameKey('CABINET MEDICAL HELENE'));
    expect(nameKey('Cabinet A')).not.toBe(nameKey('Cabinet B'));
  });
});

describe('slugify', () => {
  it('makes a URL-safe slug from a name', () => {
    expect(slugify('Cabinet Dr Martin & Associés')).toBe('cabinet-dr-martin-associes');
  });
});

describe('slugCandidate', () => {
  it('tries the plain slug first, then the slug with a 4-digit suffix', () => {
    expect(slugCandidate('Cabinet Dr Martin', 0)).toBe('cabinet-dr-martin');
    expect(slugCandidate('Cabinet Dr Martin', 1)).toMatch(/^cabinet-dr-martin-\d{4}$/);
    expect(slugCandidate('!!!', 0)).toBe('organisation');
  });
});

describe('splitName', () => {
  it('splits a full name into prénom (first word) and nom (the rest)', () => {
    expect(splitName({ fullName: '  Jean Pierre   Martin ' })).toEqual({ prenom: 'Jean', nom: 'Pierre Martin' });
    expect(splitName({ fullName: 'Cher' })).toEqual({ nom: 'Cher', prenom: '' });
  });

  it('keeps nom and prénom when they are given apart', () => {
    expect(splitName({ nom: 'Martin', prenom: 'Jean' })).toEqual({ nom: 'Martin', prenom: 'Jean' });
  });
});

describe('nameKey folds what only looks different (issue 7, item 6)', () => {
  it('folds full-width letters (NFKC) and drops zero-width characters', () => {
    expect(nameKey('Ｃａｂｉｎｅｔ　Étoile')).toBe(nameKey('Cabinet Etoile'));
    expect(nameKey('Cabi\u200Bnet\u2060 Étoile')).toBe(nameKey('Cabinet Etoile'));
  });

  it('folds Cyrillic and Greek look-alikes onto the Latin letters', () => {
    // С а і е о (Cyrillic) and Ε (Greek), with a Cyrillic Ё carrying its diaeresis.
    expect(nameKey('\u0421\u0430bin\u0435t \u0401t\u043E\u0456l\u0435')).toBe(nameKey('Cabinet Étoile'));
    expect(nameKey('\u0395TOILE')).toBe(nameKey('étoile'));
  });

  it('keeps names that differ in letters apart', () => {
    expect(nameKey('Cabinet Étoile')).not.toBe(nameKey('Cabinet Etoiles'));
    expect(nameKey('Cabinet Dr Martin')).toBe('cabinet dr martin');
    expect(slugify('Cabinet Dr Martin')).toBe('cabinet-dr-martin');
  });
});
