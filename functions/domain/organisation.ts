// Organisation item: ORG#<id> / ORGANISATION, plus the guard items that make its name and join code unique.

import type { Infer } from '#schemas/lazy';
import type { organisationView as OrganisationViewSchema } from '#schemas/organisations';
import { organisationPk } from './keys.ts';
import type { MembershipStatus } from './membership.ts';
import type { Permission } from './permissions.ts';
import { ALL_ORGANISATIONS_GSI1PK } from './platform.ts';

/** DELETING: a deletion has started; every token is refused while its items are removed (see DELETE route). */
export type OrganisationStatus = 'ACTIVE' | 'SUSPENDED' | 'DELETING';

/** Who started an organisation's deletion: that user may resume it even once their own membership is gone. */
export interface OrganisationDeletion {
  requestedBy: string;
  requestedAt: string;
}

/** How the organisation's 10-digit join code may be redeemed. */
export interface JoinCodePolicy {
  enabled: boolean;
  /** ISO time after which the code is refused. */
  expiresAt?: string;
  maxUses?: number;
  uses: number;
  /** The role a redeemer gets: never ADMIN. */
  role: string;
  /** When true, redeeming creates a PENDING join request instead of a membership. */
  requiresApproval: boolean;
}

export const DEFAULT_JOIN_CODE_POLICY: JoinCodePolicy = { enabled: true, uses: 0, role: 'MEMBER', requiresApproval: false };

export interface Organisation {
  id: string;
  nom: string;
  nameKey: string;
  slug: string;
  code: string;
  status: OrganisationStatus;
  country: string;
  subscriptionTier: string;
  maxUsers: number;
  /** ACTIVE and SUSPENDED members: each occupies a seat counted against maxUsers. */
  memberCount: number;
  /** ACTIVE ADMIN members: never allowed to drop below 1 once the organisation has an admin. */
  adminCount: number;
  joinCode: JoinCodePolicy;
  description?: string;
  /** Its admins require MFA: a member who has not turned TOTP on gets 403 mfa-required on member routes. */
  mfaRequired?: boolean;
  /** Set (with status DELETING) by the transaction that starts a deletion. */
  deletion?: OrganisationDeletion;
  createdAt: string;
  updatedAt: string;
}

export const organisationKey = (id: string) => ({ pk: organisationPk(id), sk: 'ORGANISATION' });
export const organisationNameGuardKey = (key: string) => ({ pk: `ORGNAME#${key}`, sk: 'GUARD' });
export const organisationSlugGuardKey = (slug: string) => ({ pk: `ORGSLUG#${slug}`, sk: 'GUARD' });
export const joinCodeGuardKey = (code: string) => ({ pk: `JOINCODE#${code}`, sk: 'GUARD' });
/** The sort key of the organisation item itself within its ORG#<id> partition. */
export const ORGANISATION_SK = organisationKey('').sk;

/** The name, slug and join-code guard keys an organisation holds (all of them go when it is deleted). */
export const organisationGuardKeys = (org: Pick<Organisation, 'nameKey' | 'slug' | 'code'>) => [
  organisationNameGuardKey(org.nameKey),
  organisationSlugGuardKey(org.slug),
  joinCodeGuardKey(org.code),
];

export const organisationItem = (org: Organisation) => ({
  ...organisationKey(org.id),
  // Every organisation also sits in one GSI1 partition, so the super-admin can list them without a Scan.
  gsi1pk: ALL_ORGANISATIONS_GSI1PK,
  gsi1sk: `${org.createdAt}#${org.id}`,
  type: 'Organisation',
  ...org,
});

export function organisationFromItem(item: Record<string, unknown>): Organisation {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, ...org } = item;
  return org as unknown as Organisation;
}

/**
 * The one rule for who sees an organisation's join code: an ACTIVE member whose role (built-in or custom) holds
 * organisation:manage. Every answer that may carry the code asks this.
 */
export const seesJoinCode = (viewer: { status: MembershipStatus; permissions: ReadonlySet<Permission> }): boolean =>
  viewer.status === 'ACTIVE' && viewer.permissions.has('organisation:manage');

/** What an API response shows of an organisation. */
export const organisationView = (org: Organisation, options: { withCode: boolean }): Infer<typeof OrganisationViewSchema> => ({
  id: org.id,
  nom: org.nom,
  slug: org.slug,
  ...(options.withCode ? { code: org.code } : {}),
  status: org.status,
  country: org.country,
  subscriptionTier: org.subscriptionTier,
  maxUsers: org.maxUsers,
  memberCount: org.memberCount,
  ...(org.description ? { description: org.description } : {}),
  mfaRequired: org.mfaRequired === true,
  createdAt: org.createdAt,
  updatedAt: org.updatedAt,
});
