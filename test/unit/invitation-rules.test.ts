// The invitation rules (domain/invitation.ts): its state (answerable once, revocable, expiring), who may accept one
// sent to an address, what an acceptance must and must not carry, and where an invitation is filed.
import { describe, expect, it } from 'vitest';
import {
  acceptanceFieldErrors,
  addressAcceptance,
  displayedStatus,
  hashInvitationToken,
  type Invitation,
  invitationFromItem,
  invitationItem,
  inviteeInboxPk,
  inviteeOf,
  isUsable,
  newInvitationToken,
  whyUnusable,
} from '#domain/invitation';

const NOW = new Date('2026-12-07T08:00:00.000Z');
const invitation = (fields: Partial<Invitation> = {}): Invitation => ({
  id: 'inv-1',
  organisationId: 'org-1',
  email: 'claire@example.org',
  role: 'MEMBER',
  status: 'PENDING',
  expiresAt: '2026-12-10T08:00:00.000Z',
  createdBy: 'admin-1',
  createdAt: '2026-12-07T07:00:00.000Z',
  ...fields,
});

describe('an invitation is answerable while PENDING and unexpired', () => {
  it('a PENDING invitation before its expiry can be answered', () => {
    expect(whyUnusable(invitation(), NOW)).toBeUndefined();
    expect(isUsable(invitation(), NOW)).toBe(true);
  });

  it.each([
    ['ACCEPTED', 'invitation-used'],
    ['REVOKED', 'invitation-revoked'],
    ['DECLINED', 'invitation-declined'],
  ] as const)('a %s invitation answers %s, whatever its expiry', (status, refusal) => {
    expect(whyUnusable(invitation({ status }), NOW)).toBe(refusal);
    expect(whyUnusable(invitation({ status, expiresAt: '2020-01-01T00:00:00.000Z' }), NOW)).toBe(refusal);
    expect(isUsable(invitation({ status }), NOW)).toBe(false);
  });

  it('expires at expiresAt exactly, not a millisecond later', () => {
    expect(whyUnusable(invitation({ expiresAt: NOW.toISOString() }), NOW)).toBe('invitation-expired');
    expect(whyUnusable(invitation({ expiresAt: new Date(NOW.getTime() + 1).toISOString() }), NOW)).toBeUndefined();
    expect(isUsable(invitation({ expiresAt: NOW.toISOString() }), NOW)).toBe(false);
  });

  it('a listing shows an expired PENDING invitation as EXPIRED, the others as they are', () => {
    expect(displayedStatus(invitation({ expiresAt: '2026-12-01T00:00:00.000Z' }), NOW)).toBe('EXPIRED');
    expect(displayedStatus(invitation(), NOW)).toBe('PENDING');
    expect(displayedStatus(invitation({ status: 'REVOKED', expiresAt: '2026-12-01T00:00:00.000Z' }), NOW)).toBe('REVOKED');
  });
});

describe('who may accept an invitation sent to an address', () => {
  const INVITED = { email: 'claire@example.org' };
  it('the account that proved the invited address', () => {
    expect(addressAcceptance(INVITED, { email: 'claire@example.org', emailVerified: true })).toBeUndefined();
  });

  it('compares addresses trimmed and case-insensitively', () => {
    expect(addressAcceptance({ email: 'Claire@Example.org' }, { email: ' claire@example.ORG ', emailVerified: true })).toBeUndefined();
  });

  it('not an account with another address (a forwarded link)', () => {
    expect(addressAcceptance(INVITED, { email: 'mallory@example.org', emailVerified: true })).toBe('invitation-for-another-address');
  });

  it('not an account without an address', () => {
    expect(addressAcceptance(INVITED, {})).toBe('invitation-for-another-address');
  });

  it('not an account that states the address without having proved it', () => {
    expect(addressAcceptance(INVITED, { email: 'claire@example.org', emailVerified: false })).toBe('email-not-verified');
    expect(addressAcceptance(INVITED, { email: 'claire@example.org' })).toBe('email-not-verified');
  });
});

describe('what an acceptance carries', () => {
  it('signed in: any field of a new account is refused, each named', () => {
    const errors = acceptanceFieldErrors({ password: 'x', nom: 'Durand', phone: '+33612345678' }, invitation(), true);
    expect(errors.map((error) => error.path)).toEqual(['password', 'nom', 'phone']);
    expect(errors[0]?.message).toContain('not accepted when signed in');
  });

  it('signed in: nothing but the token is fine', () => {
    expect(acceptanceFieldErrors({}, invitation(), true)).toEqual([]);
  });

  it('anonymous: a password and both names are required', () => {
    expect(acceptanceFieldErrors({}, invitation(), false).map((error) => error.path)).toEqual(['password', 'nom', 'prenom']);
  });

  it('anonymous: names the inviter gave need not be typed again', () => {
    expect(acceptanceFieldErrors({ password: 'x' }, invitation({ nom: 'Durand', prenom: 'Claire' }), false)).toEqual([]);
    expect(acceptanceFieldErrors({ password: 'x' }, invitation({ nom: 'Durand' }), false).map((error) => error.path)).toEqual(['prenom']);
  });

  it('anonymous: every required field given is enough', () => {
    expect(acceptanceFieldErrors({ password: 'x', nom: 'Durand', prenom: 'Claire' }, invitation(), false)).toEqual([]);
  });
});

describe('where an invitation is filed', () => {
  it("an invitation to an account sits in that account's inbox", () => {
    const item = invitationItem(invitation({ email: undefined, username: 'amina', inviteeUserId: 'u-9' }));
    expect(item.gsi1pk).toBe('INVITEE#USER#u-9');
    expect(item.gsi1sk).toBe('INVITATION#inv-1');
  });

  it("an invitation to an address sits in the address's inbox, lower-cased", () => {
    expect(invitationItem(invitation({ email: 'Claire@Example.org' })).gsi1pk).toBe('INVITEE#EMAIL#claire@example.org');
    expect(inviteeInboxPk({ email: 'A@B.org' })).toBe('INVITEE#EMAIL#a@b.org');
  });

  it('an invitation to a username that named no account is in no inbox (it expires unanswered)', () => {
    const item = invitationItem(invitation({ email: undefined, username: 'nobody' }));
    expect(item).not.toHaveProperty('gsi1pk');
  });

  it('keeps the token only as its hash, and reads back without it', () => {
    const token = newInvitationToken();
    const item = invitationItem(invitation(), hashInvitationToken(token));
    expect(JSON.stringify(item)).not.toContain(token);
    expect(item.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(invitationFromItem(item)).toEqual(invitation());
  });

  it('shows the admins the address, or the username they typed', () => {
    expect(inviteeOf(invitation())).toEqual({ email: 'claire@example.org' });
    expect(inviteeOf(invitation({ email: undefined, username: 'amina' }))).toEqual({ username: 'amina' });
  });

  it('tokens are unguessable: 32 random bytes, never twice the same', () => {
    const tokens = new Set(Array.from({ length: 50 }, newInvitationToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });
});
