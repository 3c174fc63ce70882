import { describe, expect, it } from 'vitest';
import type { Membership } from '#domain/membership';
import {
  type CountedOrganisation,
  countsFromItems,
  DEFAULT_JOIN_CODE_POLICY,
  legacyCounts,
  organisationCountersItem,
  organisationFromItem,
  organisationItem,
} from '#domain/organisation';
import { withCodeRedemption } from '#repositories/join-codes';
import { activateMembership, pendingMembership } from '#repositories/memberships';
import { mergedInto, type NamedItem } from '#repositories/transactions';

const at = '2026-12-07T12:00:00.000Z';
const organisation: CountedOrganisation = {
  id: 'org-1',
  nom: 'Cabinet',
  nameKey: 'cabinet',
  slug: 'cabinet',
  code: '0123456789',
  status: 'ACTIVE',
  country: 'FR',
  subscriptionTier: 'free',
  maxUsers: 50,
  memberCount: 3,
  adminCount: 2,
  codeUses: 1,
  joinCode: { ...DEFAULT_JOIN_CODE_POLICY, maxUses: 5 },
  createdAt: at,
  updatedAt: at,
};
const member: Membership = {
  organisationId: 'org-1',
  userId: 'user-1',
  username: 'marie',
  nom: 'Curie',
  prenom: 'Marie',
  role: 'MEMBER',
  status: 'ACTIVE',
  joinedAt: at,
  updatedAt: at,
};

const keyOf = ({ item }: NamedItem) =>
  (item.Update ?? item.ConditionCheck ?? item.Delete)?.Key ?? { pk: item.Put?.Item?.pk, sk: item.Put?.Item?.sk };
const at_ = (items: NamedItem[], sk: string) => items.filter((entry) => keyOf(entry).sk === sk);

describe('the counters item', () => {
  it('holds the counts and a copy of maxUsers; the organisation item holds none of them', () => {
    expect(organisationCountersItem(organisation)).toEqual({
      pk: 'ORG#org-1',
      sk: 'COUNTERS',
      type: 'OrganisationCounters',
      memberCount: 3,
      adminCount: 2,
      codeUses: 1,
      maxUsers: 50,
    });
    const item = organisationItem(organisation);
    expect(item).not.toHaveProperty('memberCount');
    expect(item).not.toHaveProperty('adminCount');
    expect(item).not.toHaveProperty('codeUses');
    expect(item.joinCode).not.toHaveProperty('uses');
  });

  it('an organisation written before it: its own item’s counts until the counters item exists, then that one’s', () => {
    const legacy = { ...organisationItem(organisation), memberCount: 7, adminCount: 1, joinCode: { ...organisation.joinCode, uses: 4 } };
    expect(legacyCounts(legacy)).toEqual({ memberCount: 7, adminCount: 1, codeUses: 4 });
    expect(countsFromItems(legacy, undefined)).toEqual({ memberCount: 7, adminCount: 1, codeUses: 4 });
    expect(countsFromItems(legacy, organisationCountersItem({ ...organisation, memberCount: 8 }))).toMatchObject({ memberCount: 8 });
    expect(legacyCounts(organisationItem(organisation))).toBeUndefined();
    // Read as an organisation, the old counts do not come along (only a counted read has counts).
    expect(organisationFromItem(legacy)).not.toHaveProperty('memberCount');
    expect(organisationFromItem(legacy).joinCode).not.toHaveProperty('uses');
  });
});

describe('mergedInto: one operation per item in a transaction', () => {
  const check = (sk: string): NamedItem => ({
    item: {
      ConditionCheck: { TableName: 't', Key: { pk: 'P', sk }, ConditionExpression: 'a = :a', ExpressionAttributeValues: { ':a': 1 } },
    },
    guard: 'organisationFull',
  });
  const part = { condition: 'b = :b', names: { '#n': 'n' }, values: { ':b': 2 } };

  it('joins a condition to the item already at the key, which keeps its guard', () => {
    const [merged, ...rest] = mergedInto([check('X')], { pk: 'P', sk: 'X' }, part, () => check('other'));
    expect(rest).toHaveLength(0);
    expect(merged?.guard).toBe('organisationFull');
    expect(merged?.item.ConditionCheck).toMatchObject({
      ConditionExpression: '(a = :a) AND b = :b',
      ExpressionAttributeNames: { '#n': 'n' },
      ExpressionAttributeValues: { ':a': 1, ':b': 2 },
    });
  });

  it('a ConditionCheck given SET clauses becomes an Update; an Update gets them before its own', () => {
    const [update] = mergedInto([check('X')], { pk: 'P', sk: 'X' }, { ...part, set: ['c = c + :b'] }, () => check('other'));
    expect(update?.item.Update).toMatchObject({ UpdateExpression: 'SET c = c + :b', ConditionExpression: '(a = :a) AND b = :b' });
    const [again] = mergedInto(update ? [update] : [], { pk: 'P', sk: 'X' }, { ...part, set: ['d = :b'] }, () => check('other'));
    expect(again?.item.Update?.UpdateExpression).toBe('SET d = :b, c = c + :b');
  });

  it('builds the item alone when none is at the key', () => {
    expect(mergedInto([check('X')], { pk: 'P', sk: 'Y' }, part, () => check('Y')).map((entry) => keyOf(entry).sk)).toEqual(['X', 'Y']);
  });
});

describe('redeeming a join code', () => {
  it('checks the organisation item without writing it, and counts the use on the counters below maxUses', () => {
    const items = withCodeRedemption(pendingMembership({ ...member, status: 'PENDING' }), organisation, '0123456789', at);
    const [check, ...more] = at_(items, 'ORGANISATION');
    expect(more).toHaveLength(0);
    expect(check?.item.ConditionCheck?.ConditionExpression).toContain('#jcPolicy.#jcMaxUses = :jcMax');
    expect(check?.guard).toBe('joinCodeRedeemable');
    const [counters] = at_(items, 'COUNTERS');
    expect(counters?.item.Update).toMatchObject({
      UpdateExpression: 'SET codeUses = codeUses + :jcOne',
      ConditionExpression: 'attribute_exists(pk) AND codeUses < :jcMax',
      ExpressionAttributeValues: { ':jcOne': 1, ':jcMax': 5 },
    });
  });

  it('with a seat taken, the use joins the seat’s update on the counters (one item, the seat’s guard)', () => {
    const items = withCodeRedemption(activateMembership(member, { byCode: true }), organisation, '0123456789', at);
    const [counters, ...more] = at_(items, 'COUNTERS');
    expect(more).toHaveLength(0);
    expect(counters?.guard).toBe('organisationFull');
    expect(counters?.item.Update?.UpdateExpression).toMatch(
      /^SET codeUses = codeUses \+ :jcOne, updatedAt = :now, memberCount = memberCount \+ :dm$/,
    );
    expect(counters?.item.Update?.ConditionExpression).toContain('memberCount < maxUsers');
    expect(counters?.item.Update?.ConditionExpression).toContain('codeUses < :jcMax');
  });

  it('a code without a use limit states that none was set since it was read', () => {
    const unlimited = { ...organisation, joinCode: DEFAULT_JOIN_CODE_POLICY };
    const items = withCodeRedemption(activateMembership(member, { byCode: true }), unlimited, '0123456789', at);
    expect(at_(items, 'ORGANISATION')[0]?.item.ConditionCheck?.ConditionExpression).toContain('attribute_not_exists(#jcPolicy.#jcMaxUses)');
    expect(at_(items, 'COUNTERS')[0]?.item.Update?.ConditionExpression).not.toContain(':jcMax');
  });
});
