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

export function membershipFromItem(item: Record<string, unknown>): Membership {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...m } = item;
  return m as unknown as Membership;
}
