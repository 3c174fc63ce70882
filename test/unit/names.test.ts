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
