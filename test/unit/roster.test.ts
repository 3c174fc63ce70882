// The roster (domain/membership.ts): every membership change carries the roster entry's put or delete in its own
// transaction items, so the members holding a role are listed without reading the others.
import { describe, expect, it } from 'vitest';
import { type Membership, rosterKey, rosterPrefix } from '#domain/membership';
import { activateMembership, changeMembership, removeMembership } from '#repositories/memberships';

const member = (overrides: Partial<Membership> = {}): Membership => ({
  organisationId: 'org-1',
  userId: 'u1',
  username: 'anne',
  nom: 'Martin',
  prenom: 'Anne',
  role: 'ADMIN',
  status: 'ACTIVE',
  joinedAt: '2026-12-07T00:00:00.000Z',
  updatedAt: '2026-12-07T00:00:00.000Z',
  ...overrides,
});

/** The roster operations among a change's transaction items. */
const rosterOps = (items: ReturnType<typeof changeMembership>) =>
  items.flatMap(({ item }) => {
    const put = item.Put?.Item as { sk?: string } | undefined;
    const key = item.Delete?.Key as { sk?: string } | undefined;
    if (put?.sk?.startsWith('ROSTER#')) return [`put ${put.sk}`];
    if (key?.sk?.startsWith('ROSTER#')) return [`delete ${key.sk}`];
    return [];
  });

describe('the roster', () => {
  it('keys each entry by role under the organisation, listed by the role prefix', () => {
    expect(rosterKey('org-1', 'ADMIN', 'u1')).toEqual({ pk: 'ORG#org-1', sk: 'ROSTER#ADMIN#u1' });
    expect(rosterKey('org-1', 'ADMIN', 'u1').sk.startsWith(rosterPrefix('ADMIN'))).toBe(true);
    expect(rosterKey('org-1', 'ADMINS', 'u1').sk.startsWith(rosterPrefix('ADMIN'))).toBe(false);
  });

  it('lists a member when the membership becomes ACTIVE, and unlists it when it goes', () => {
    expect(rosterOps(activateMembership(member({ status: 'PENDING' }), { fromPending: true }))).toEqual(['put ROSTER#ADMIN#u1']);
    expect(rosterOps(removeMembership(member()))).toEqual(['delete ROSTER#ADMIN#u1']);
    expect(rosterOps(removeMembership(member({ status: 'PENDING' })))).toEqual([]);
  });

  it('moves the entry with a change of role, and follows suspension and reactivation', () => {
    const admin = member({ role: 'ADMIN' });
    expect(rosterOps(changeMembership(admin, { role: 'MEMBER' }))).toEqual(['delete ROSTER#ADMIN#u1', 'put ROSTER#MEMBER#u1']);
    expect(rosterOps(changeMembership(admin, { status: 'SUSPENDED' }))).toEqual(['delete ROSTER#ADMIN#u1']);
    expect(rosterOps(changeMembership(member({ status: 'SUSPENDED' }), { status: 'ACTIVE' }))).toEqual(['put ROSTER#ADMIN#u1']);
    expect(rosterOps(changeMembership(member({ status: 'SUSPENDED' }), { role: 'MEMBER' }))).toEqual([]);
  });
});
