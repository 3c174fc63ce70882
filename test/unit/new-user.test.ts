// newUser (domain/user.ts): the one builder of a new account's profile, and profileFieldsOf, which keeps only the
// profile fields a body gave.
import { describe, expect, it } from 'vitest';
import { newUser, PROFILE_FIELDS, profileFieldsOf } from '#domain/user';

const NOW = '2026-12-07T08:00:00.000Z';
const base = { id: 'u-1', username: 'amina', nom: 'Diallo', prenom: 'Amina' };

describe('newUser', () => {
  it('stores a stated address unverified, with no verification date', () => {
    const user = newUser({ ...base, email: { address: 'amina@example.org', proof: 'stated' } }, NOW);
    expect(user).toMatchObject({ email: 'amina@example.org', emailVerified: false });
    expect(user).not.toHaveProperty('emailVerifiedAt');
  });

  it('stores a proven address verified, dated now', () => {
    const user = newUser({ ...base, email: { address: 'amina@example.org', proof: 'proven' } }, NOW);
    expect(user).toMatchObject({ email: 'amina@example.org', emailVerified: true, emailVerifiedAt: NOW });
  });

  it('has no address (and no verification flag) when none is given', () => {
    const user = newUser(base, NOW);
    expect(user).not.toHaveProperty('email');
    expect(user).not.toHaveProperty('emailVerified');
  });

  it('is created and updated at the same instant', () => {
    expect(newUser(base, NOW)).toMatchObject({ createdAt: NOW, updatedAt: NOW });
  });

  it('keeps the given profile fields and drops the absent ones', () => {
    const user = newUser({ ...base, phone: '+33612345678', bio: undefined, gender: 'female' }, NOW);
    expect(user).toMatchObject({ phone: '+33612345678', gender: 'female' });
    expect(user).not.toHaveProperty('bio');
  });

  it('takes nothing a body carries besides the profile (a password never reaches the profile item)', () => {
    const body = { ...base, password: 'Cassius2025!', confirmPassword: 'Cassius2025!', role: 'ADMIN' };
    const user = newUser(body, NOW);
    expect(user).not.toHaveProperty('password');
    expect(user).not.toHaveProperty('confirmPassword');
    expect(user).not.toHaveProperty('role');
  });

  it('names the organisation of the first token only when it is created into one', () => {
    expect(newUser({ ...base, currentOrganisationId: 'org-1' }, NOW).currentOrganisationId).toBe('org-1');
    expect(newUser(base, NOW)).not.toHaveProperty('currentOrganisationId');
  });

  it('keeps the language only when given', () => {
    expect(newUser({ ...base, locale: 'en' }, NOW).locale).toBe('en');
    expect(newUser(base, NOW)).not.toHaveProperty('locale');
  });
});

describe('profileFieldsOf', () => {
  it('keeps every profile field, and only those', () => {
    const all = Object.fromEntries(PROFILE_FIELDS.map((field) => [field, `${field}-value`]));
    expect(profileFieldsOf({ ...all, nom: 'x', password: 'y' } as never)).toEqual(all);
  });
});
