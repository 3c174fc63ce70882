// Membership item: ORG#<orgId> / MEMBER#<userId>; GSI1 (USER#<userId> / ORG#<orgId>) lists a user's organisations.

import { organisationPk, userPk } from './keys.ts';

export type MembershipStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING';

export interface Membership {
  organisationId: string;
  userId: string;
  username: string;
  nom: string;
  prenom: string;
  role: string;
  status: MembershipStatus;
  joinedAt: string;
  updatedAt: string;
}

export const membershipKey = (organisationId: string, userId: string) => ({
  pk: organisationPk(organisationId),
  sk: `MEMBER#${userId}`,
});

export const MEMBER_SK_PREFIX = 'MEMBER#';

export const membershipItem = (m: Membership) => ({
  ...membershipKey(m.organisationId, m.userId),
  gsi1pk: userPk(m.userId),
  gsi1sk: organisationPk(m.organisationId),
  type: 'Membership',
  ...m,
});

/**
 * The roster: one item per ACTIVE membership, by role, written in the same transaction as the membership
 * (repositories/memberships.ts). It lists the members holding a role without reading the others: who to notify is
 * O(those members), not O(the organisation's members). ORG#<orgId> / ROSTER#<role>#<userId>.
 */
export const ROSTER_SK_PREFIX = 'ROSTER#';
export const rosterKey = (organisationId: string, role: string, userId: string) => ({
  pk: organisationPk(organisationId),
  sk: `${ROSTER_SK_PREFIX}${role}#${userId}`,
});
/** The sort-key prefix of one role's roster (role names hold no '#': schemas/members.ts). */
export const rosterPrefix = (role: string): string => `${ROSTER_SK_PREFIX}${role}#`;
export const rosterItem = (m: Pick<Membership, 'organisationId' | 'role' | 'userId'>) => ({
  ...rosterKey(m.organisationId, m.role, m.userId),
  type: 'RosterEntry',
  userId: m.userId,
  role: m.role,
});

export function membershipFromItem(item: Record<string, unknown>): Membership {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...m } = item;
  return m as unknown as Membership;
}
