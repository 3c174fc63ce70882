import { describe, expect, it } from 'vitest';
import { nameKey, slugify } from '#domain/names';

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
