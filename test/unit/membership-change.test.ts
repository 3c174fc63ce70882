// The organisation's invariants around a membership change (domain/membership-change.ts): seats and the last ACTIVE
// ADMIN, as values (admitted) and as the conditions the change's transaction states (repositories/memberships.ts).
import { describe, expect, it } from 'vitest';
import type { Membership } from '#domain/membership';
import {
  activationEffect,
  admitted,
  applied,
  changeEffect,
  movesOrganisation,
  type OrganisationCounters,
  type OrganisationEffect,
  PENDING_EFFECT,
  removalEffect,
} from '#domain/membership-change';
import { activateMembership, changeMembership, pendingMembership, removeMembership } from '#repositories/memberships';

const org = (counters: Partial<OrganisationCounters> = {}): OrganisationCounters => ({
  status: 'ACTIVE',
  memberCount: 3,
  maxUsers: 10,
  adminCount: 2,
  ...counters,
});

const member = (fields: Partial<Membership> = {}): Membership => ({
  organisationId: 'org-1',
  userId: 'u-1',
  username: 'amina',
  nom: 'Diallo',
  prenom: 'Amina',
  role: 'MEMBER',
  status: 'ACTIVE',
  joinedAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...fields,
});

/** Applies `effect` to `counters` when admitted, as the transaction would; the refusal otherwise. */
const run = (counters: OrganisationCounters, effect: OrganisationEffect, options: { organisationActive?: boolean } = {}) =>
  admitted(counters, effect, options) ?? applied(counters, effect);

describe('seats', () => {
  it('a new ACTIVE member takes a seat', () => {
    expect(run(org({ memberCount: 3 }), activationEffect({ role: 'MEMBER' }))).toMatchObject({ memberCount: 4 });
  });

  it('the last free seat can be taken', () => {
    expect(run(org({ memberCount: 9, maxUsers: 10 }), activationEffect({ role: 'VIEWER' }))).toMatchObject({ memberCount: 10 });
  });

  it('a full organisation refuses a new ACTIVE member', () => {
    expect(run(org({ memberCount: 10, maxUsers: 10 }), activationEffect({ role: 'MEMBER' }))).toBe('organisation-full');
  });

  it('an organisation over its limit (maxUsers lowered by an operator) refuses one too', () => {
    expect(run(org({ memberCount: 12, maxUsers: 10 }), activationEffect({ role: 'MEMBER' }))).toBe('organisation-full');
  });

  it('a PENDING membership takes no seat, even in a full organisation', () => {
    expect(run(org({ memberCount: 10, maxUsers: 10 }), PENDING_EFFECT)).toMatchObject({ memberCount: 10 });
    expect(movesOrganisation(PENDING_EFFECT)).toBe(false);
  });

  it('removing an ACTIVE or SUSPENDED member frees its seat', () => {
    expect(run(org({ memberCount: 10, maxUsers: 10 }), removalEffect(member({ status: 'ACTIVE' })))).toMatchObject({ memberCount: 9 });
    expect(run(org({ memberCount: 10, maxUsers: 10 }), removalEffect(member({ status: 'SUSPENDED' })))).toMatchObject({ memberCount: 9 });
  });

  it('removing a PENDING membership frees nothing (it held no seat)', () => {
    expect(removalEffect(member({ status: 'PENDING' }))).toEqual(PENDING_EFFECT);
  });

  it('suspending a member keeps its seat, and reactivating needs none', () => {
    expect(changeEffect(member(), { status: 'SUSPENDED' })).toMatchObject({ members: 0, takesSeat: false });
    expect(run(org({ memberCount: 10, maxUsers: 10 }), changeEffect(member({ status: 'SUSPENDED' }), { status: 'ACTIVE' }))).toMatchObject({
      memberCount: 10,
    });
  });

  it('a membership that requires the organisation ACTIVE is refused by a suspended one before its seats are counted', () => {
    expect(run(org({ status: 'SUSPENDED', memberCount: 10 }), activationEffect({ role: 'MEMBER' }), { organisationActive: true })).toBe(
      'organisation-inactive',
    );
    expect(run(org({ status: 'SUSPENDED' }), activationEffect({ role: 'MEMBER' }))).toMatchObject({ memberCount: 4 });
  });
});

describe('the last ACTIVE ADMIN', () => {
  const admin = member({ role: 'ADMIN' });

  it('a new ADMIN counts as one', () => {
    expect(run(org({ adminCount: 1 }), activationEffect({ role: 'ADMIN' }))).toMatchObject({ adminCount: 2 });
  });

  it.each([
    ['demoted', changeEffect(admin, { role: 'MEMBER' })],
    ['suspended', changeEffect(admin, { status: 'SUSPENDED' })],
    ['removed', removalEffect(admin)],
  ])('cannot be %s', (_, effect) => {
    expect(run(org({ adminCount: 1 }), effect)).toBe('last-admin');
  });

  it.each([
    ['demoted', changeEffect(admin, { role: 'MEMBER' })],
    ['suspended', changeEffect(admin, { status: 'SUSPENDED' })],
    ['removed', removalEffect(admin)],
  ])('an ADMIN can be %s while another ACTIVE ADMIN remains', (_, effect) => {
    expect(run(org({ adminCount: 2 }), effect)).toMatchObject({ adminCount: 1 });
  });

  it('a SUSPENDED ADMIN is not counted: removing or demoting one needs no other ADMIN', () => {
    const suspended = member({ role: 'ADMIN', status: 'SUSPENDED' });
    expect(removalEffect(suspended)).toMatchObject({ admins: 0, keepsAnAdmin: false });
    expect(run(org({ adminCount: 1 }), changeEffect(suspended, { role: 'MEMBER' }))).toMatchObject({ adminCount: 1 });
  });

  it('reactivating a SUSPENDED ADMIN counts them again', () => {
    expect(run(org({ adminCount: 1 }), changeEffect(member({ role: 'ADMIN', status: 'SUSPENDED' }), { status: 'ACTIVE' }))).toMatchObject({
      adminCount: 2,
    });
  });

  it('promoting a member to ADMIN counts one more, and needs no condition', () => {
    expect(changeEffect(member(), { role: 'ADMIN' })).toMatchObject({ admins: 1, keepsAnAdmin: false });
  });

  it('a change between two roles that are not ADMIN moves no counter of the organisation', () => {
    expect(movesOrganisation(changeEffect(member({ role: 'MEMBER' }), { role: 'VIEWER' }))).toBe(false);
  });

  it('suspending an ADMIN while another remains keeps their seat', () => {
    expect(run(org({ adminCount: 2, memberCount: 5 }), changeEffect(admin, { status: 'SUSPENDED' }))).toMatchObject({
      adminCount: 1,
      memberCount: 5,
    });
  });
});

describe('custom-role usage', () => {
  it('counts a custom role when it is granted, and never a built-in one', () => {
    expect(activationEffect({ role: 'Secrétaire' }).roles).toEqual([{ role: 'Secrétaire', delta: 1 }]);
    expect(activationEffect({ role: 'MEMBER' }).roles).toEqual([]);
  });

  it('moves the count from the old custom role to the new one', () => {
    expect(changeEffect(member({ role: 'Secrétaire' }), { role: 'Assistant' }).roles).toEqual([
      { role: 'Secrétaire', delta: -1 },
      { role: 'Assistant', delta: 1 },
    ]);
  });

  it('leaves the counts alone when only the status changes', () => {
    expect(changeEffect(member({ role: 'Secrétaire' }), { status: 'SUSPENDED' }).roles).toEqual([]);
  });

  it('releases the custom role when its member is removed, but not for a PENDING one', () => {
    expect(removalEffect(member({ role: 'Secrétaire' })).roles).toEqual([{ role: 'Secrétaire', delta: -1 }]);
    expect(removalEffect(member({ role: 'Secrétaire', status: 'PENDING' })).roles).toEqual([]);
  });
});

/** The Update of the organisation's counters item in a membership transaction. */
const organisationUpdate = (items: ReturnType<typeof activateMembership>) =>
  items.map((named) => named.item.Update).find((update) => update?.Key?.sk === 'COUNTERS');
/** What the transaction does to the organisation item itself: at most a ConditionCheck, never a write. */
const organisationItemOps = (items: ReturnType<typeof activateMembership>) =>
  items.filter(
    ({ item }) => (item.Update ?? item.Delete ?? item.ConditionCheck)?.Key?.sk === 'ORGANISATION' || item.Put?.Item?.sk === 'ORGANISATION',
  );

describe('the transaction states the same conditions', () => {
  it('activation requires a seat, and an ACTIVE organisation only when asked', () => {
    const items = activateMembership(member(), { organisationActive: true });
    expect(organisationUpdate(items)?.ConditionExpression).toContain('memberCount < maxUsers');
    const [check, ...others] = organisationItemOps(items);
    expect(others).toHaveLength(0);
    expect(check?.item.ConditionCheck?.ConditionExpression).toContain('#orgStatus = :orgActive');
    expect(organisationItemOps(activateMembership(member()))).toHaveLength(0);
  });

  it('no membership change writes the organisation item (every request reads it; its list shard mirrors it)', () => {
    const changes = [
      activateMembership(member(), { organisationActive: true }),
      removeMembership(member({ role: 'ADMIN' })),
      changeMembership(member({ role: 'ADMIN' }), { role: 'MEMBER' }),
    ];
    for (const items of changes) {
      expect(organisationItemOps(items).every(({ item }) => item.ConditionCheck !== undefined)).toBe(true);
      expect(organisationUpdate(items)?.Key).toEqual({ pk: 'ORG#org-1', sk: 'COUNTERS' });
    }
    // A suspended member keeps their seat: nothing of the organisation moves.
    const suspension = changeMembership(member(), { status: 'SUSPENDED' });
    expect(organisationItemOps(suspension)).toHaveLength(0);
    expect(organisationUpdate(suspension)).toBeUndefined();
  });

  it('removing an ACTIVE ADMIN requires another one and decrements both counters', () => {
    const update = organisationUpdate(removeMembership(member({ role: 'ADMIN' })));
    expect(update?.ConditionExpression).toContain('adminCount > :one');
    expect(update?.ExpressionAttributeValues).toMatchObject({ ':dm': -1, ':da': -1, ':one': 1 });
  });

  it('demoting an ADMIN requires another one; a change among other roles leaves the organisation untouched', () => {
    expect(organisationUpdate(changeMembership(member({ role: 'ADMIN' }), { role: 'MEMBER' }))?.ConditionExpression).toContain(
      'adminCount > :one',
    );
    expect(organisationUpdate(changeMembership(member(), { role: 'VIEWER' }))).toBeUndefined();
  });

  it('a PENDING membership is one conditional Put, its removal one conditional Delete', () => {
    expect(pendingMembership(member({ status: 'PENDING' }))).toHaveLength(1);
    expect(removeMembership(member({ status: 'PENDING' }))).toHaveLength(1);
  });

  it('a change or removal expects the membership as it was read', () => {
    const [change] = changeMembership(member({ role: 'MEMBER', status: 'ACTIVE' }), { status: 'SUSPENDED' });
    expect(change?.item.Update?.ExpressionAttributeValues).toMatchObject({ ':oldRole': 'MEMBER', ':oldStatus': 'ACTIVE' });
  });
});
