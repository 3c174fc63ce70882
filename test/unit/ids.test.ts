import { describe, expect, it } from 'vitest';
import { newId, newJoinCode } from '#core/ids';

describe('newJoinCode', () => {
  it('is always exactly 10 digits, leading zeros included', () => {
    for (let i = 0; i < 2000; i++) expect(newJoinCode()).toMatch(/^\d{10}$/);
  });

  it('repeats no more than chance allows over 10 000 draws and uses every digit in every position', () => {
    const codes = Array.from({ length: 10_000 }, newJoinCode);
    // Uniform over 10^10 codes, 10 000 draws collide with probability 0.5 % (birthday bound): one repeat is chance,
    // three would happen about twice in a hundred million runs; a generator that repeats gives thousands.
    expect(codes.length - new Set(codes).size).toBeLessThanOrEqual(2);
    for (let position = 0; position < 10; position++) {
      expect(new Set(codes.map((code) => code[position])).size).toBe(10);
    }
  });
});

describe('newId', () => {
  it('is a random UUID', () => {
    expect(newId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newId()).not.toBe(newId());
  });
});
