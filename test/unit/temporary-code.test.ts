import { describe, expect, it } from 'vitest';
import { newTemporaryCode } from '#core/ids';
import { isRedeemable } from '#domain/join-code';
import { type CountedOrganisation, DEFAULT_JOIN_CODE_POLICY, type Organisation, organisationGuardKeys } from '#domain/organisation';
import { isTemporaryCode, normaliseTemporaryCode, temporaryCodeOpens, temporaryCodePrefix } from '#domain/temporary-code';

const now = new Date('2026-12-07T06:00:00Z');
const temporary = { code: 'CLI-TEMP-1A2B3C4D-0042', expiresAt: '2026-12-10T06:00:00.000Z' };
const clinic = (overrides: Partial<Organisation['joinCode']> = {}): CountedOrganisation => ({
  id: 'org-1',
  nom: 'Clinique du Lac',
  nameKey: 'clinique du lac',
  slug: 'clinique-du-lac',
  code: '0123456789',
  status: 'ACTIVE',
  country: 'FR',
  subscriptionTier: 'free',
  maxUsers: 50,
  memberCount: 1,
  adminCount: 1,
  codeUses: 0,
  joinCode: { ...DEFAULT_JOIN_CODE_POLICY, requiresApproval: true, temporaryCode: temporary, ...overrides },
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

describe('temporaryCodePrefix (seed 003: the clinic name letters, upper case, padded with X)', () => {
  it('takes the first three letters of the name, skipping spaces, digits and signs', () => {
    expect(temporaryCodePrefix('Clinique du Lac')).toBe('CLI');
    expect(temporaryCodePrefix('3 S-anté')).toBe('SAN');
  });

  it('folds accents instead of dropping the letter, and pads a short name with X', () => {
    expect(temporaryCodePrefix('Étoile')).toBe('ETO');
    expect(temporaryCodePrefix('Ô 1')).toBe('OXX');
    expect(temporaryCodePrefix('123')).toBe('XXX');
  });
});

describe('newTemporaryCode (CSPRNG)', () => {
  it('is always in the seed format XXX-TEMP-XXXXXXXX-XXXX with the given prefix', () => {
    for (let i = 0; i < 2000; i++) {
      const code = newTemporaryCode('CLI');
      expect(code).toMatch(/^CLI-TEMP-[0-9A-F]{8}-\d{4}$/);
      expect(isTemporaryCode(code)).toBe(true);
    }
  });

  it('has no collision over 10 000 draws (the seed asks for uniqueness over 10 000 generations)', () => {
    const codes = Array.from({ length: 10_000 }, () => newTemporaryCode('ABC'));
    // About 45 random bits: 10 000 draws collide with probability about 1.4e-6.
    expect(new Set(codes).size).toBe(codes.length);
    for (let position = 9; position < 17; position++) expect(new Set(codes.map((code) => code[position])).size).toBe(16);
  });
});

describe('isTemporaryCode and normaliseTemporaryCode', () => {
  it('accepts a code typed in lower case once normalised, and refuses other shapes', () => {
    expect(isTemporaryCode(normaliseTemporaryCode('  cli-temp-1a2b3c4d-0042 '))).toBe(true);
    expect(isTemporaryCode('CLI-TEMP-1A2B3C4D-042')).toBe(false);
    expect(isTemporaryCode('CLI-TMP-1A2B3C4D-0042')).toBe(false);
    expect(isTemporaryCode('0123456789')).toBe(false);
  });
});

describe('a clinic with a temporary code', () => {
  it('is opened by its temporary code until that expires, and by its permanent code throughout', () => {
    expect(isRedeemable(clinic(), temporary.code, now)).toBe(true);
    expect(isRedeemable(clinic(), '0123456789', now)).toBe(true);
    const after = new Date('2026-12-10T06:00:00.000Z');
    expect(isRedeemable(clinic(), temporary.code, after)).toBe(false);
    expect(isRedeemable(clinic(), '0123456789', after)).toBe(true);
  });

  it('is not opened by a temporary code when the join code is disabled or the clinic suspended', () => {
    expect(isRedeemable(clinic({ enabled: false }), temporary.code, now)).toBe(false);
    expect(isRedeemable({ ...clinic(), status: 'SUSPENDED' }, temporary.code, now)).toBe(false);
    expect(temporaryCodeOpens(undefined, temporary.code, now)).toBe(false);
    expect(temporaryCodeOpens(temporary, 'CLI-TEMP-1A2B3C4D-0043', now)).toBe(false);
  });

  it('releases the temporary code guard with its other guards when deleted', () => {
    expect(organisationGuardKeys(clinic())).toContainEqual({ pk: `JOINCODE#${temporary.code}`, sk: 'GUARD' });
    const { temporaryCode: _, ...plain } = clinic().joinCode;
    expect(organisationGuardKeys({ ...clinic(), joinCode: plain })).toHaveLength(3);
  });
});
