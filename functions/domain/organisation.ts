// Organisation item: ORG#<id> / ORGANISATION, plus the guard items that make its name and join code unique.

import { acting, type Standing } from './acting.ts';
import { organisationPk } from './keys.ts';
import { organisationListPk } from './platform.ts';
import type { TemporaryCode } from './temporary-code.ts';

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
  /** The role a redeemer gets: never ADMIN. */
  role: string;
  /** When true, redeeming creates a PENDING join request instead of a membership. */
  requiresApproval: boolean;
  /** The admins' choice: every ACTIVE member may see (and so share) the code. Absent on older items: admins only. */
  sharedWithMembers?: boolean;
  /**
   * Seed 003's temporary code (domain/temporary-code.ts), set when the platform created the organisation as a clinic:
   * it opens the same door as `code`, under this policy, until its own expiry. Its JOINCODE# guard goes with the others.
   */
  temporaryCode?: TemporaryCode;
}

export const DEFAULT_JOIN_CODE_POLICY: JoinCodePolicy = {
  enabled: true,
  role: 'MEMBER',
  requiresApproval: false,
  sharedWithMembers: false,
};

/** What an organisation records about itself (seeds 002 to 004), besides its name and description. */
export interface OrganisationRecord {
  /** As the organisation wrote it; unique across the platform by licenseKey. */
  licenseNumber?: string;
  contactEmail?: string;
  /** E.164. */
  phone?: string;
  /** One free-text field, several lines allowed. */
  address?: string;
}

export interface Organisation extends OrganisationRecord {
  id: string;
  nom: string;
  nameKey: string;
  slug: string;
  code: string;
  status: OrganisationStatus;
  country: string;
  subscriptionTier: string;
  maxUsers: number;
  joinCode: JoinCodePolicy;
  description?: string;
  /** Its number in the public directory (seed 002's numeric id, domain/directory.ts), held by an ORGNUMBER# guard. */
  number?: number;
  /** licenseNumber's uniqueness key (licenseKey()), held by an ORGLICENSE# guard item. */
  licenseKey?: string;
  /** Its admins require MFA: a member who has not turned TOTP on gets 403 mfa-required on member routes. */
  mfaRequired?: boolean;
  /** Set (with status DELETING) by the transaction that starts a deletion. */
  deletion?: OrganisationDeletion;
  createdAt: string;
  updatedAt: string;
}

/**
 * What membership changes and join-code redemptions count, kept off the organisation item (which every request reads
 * and whose list shard mirrors each of its writes) on an item of their own: ORG#<id> / COUNTERS.
 */
export interface OrganisationCounts {
  /** ACTIVE and SUSPENDED members: each occupies a seat counted against maxUsers. */
  memberCount: number;
  /** ACTIVE ADMIN members: never allowed to drop below 1 once the organisation has an admin. */
  adminCount: number;
  /** Redemptions of the join code since it was last rotated (the permanent and the temporary code together). */
  codeUses: number;
}

/** An organisation read with its counters. */
export type CountedOrganisation = Organisation & OrganisationCounts;

export const organisationKey = (id: string) => ({ pk: organisationPk(id), sk: 'ORGANISATION' });
export const organisationCountersKey = (id: string) => ({ pk: organisationPk(id), sk: 'COUNTERS' });
export const organisationNameGuardKey = (key: string) => ({ pk: `ORGNAME#${key}`, sk: 'GUARD' });
export const organisationSlugGuardKey = (slug: string) => ({ pk: `ORGSLUG#${slug}`, sk: 'GUARD' });
export const joinCodeGuardKey = (code: string) => ({ pk: `JOINCODE#${code}`, sk: 'GUARD' });
export const organisationLicenseGuardKey = (key: string) => ({ pk: `ORGLICENSE#${key}`, sk: 'GUARD' });
/** Number → organisation (domain/directory.ts): unique on the platform by its conditional Put. */
export const organisationNumberGuardKey = (number: number) => ({ pk: `ORGNUMBER#${number}`, sk: 'GUARD' });

/**
 * The uniqueness key of a licence number: compatibility forms folded (NFKC), trimmed, inner runs of spaces made one,
 * case folded. "LIC-001", " lic-001 " and "ＬＩＣ-００１" are one licence; "LIC 001" is another.
 */
export const licenseKey = (licenseNumber: string): string => licenseNumber.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
/** The sort key of the organisation item itself within its ORG#<id> partition. */
export const ORGANISATION_SK = organisationKey('').sk;

/** The name, slug, join-code, licence and number guard keys an organisation holds (all of them go when it is deleted). */
export const organisationGuardKeys = (org: Pick<Organisation, 'nameKey' | 'slug' | 'code' | 'licenseKey' | 'joinCode' | 'number'>) => [
  organisationNameGuardKey(org.nameKey),
  organisationSlugGuardKey(org.slug),
  joinCodeGuardKey(org.code),
  ...(org.joinCode.temporaryCode ? [joinCodeGuardKey(org.joinCode.temporaryCode.code)] : []),
  ...(org.licenseKey ? [organisationLicenseGuardKey(org.licenseKey)] : []),
  ...(org.number !== undefined ? [organisationNumberGuardKey(org.number)] : []),
];

/** The organisation item: never its counts (given a CountedOrganisation, they go to organisationCountersItem). */
export const organisationItem = (given: Organisation) => {
  const { memberCount: _m, adminCount: _a, codeUses: _c, ...org } = given as Partial<OrganisationCounts> & Organisation;
  return {
    ...organisationKey(org.id),
    // Every organisation also sits in one of the list's GSI1 shards, so the super-admin can list them without a Scan.
    gsi1pk: organisationListPk(org.id),
    gsi1sk: `${org.createdAt}#${org.id}`,
    type: 'Organisation',
    ...org,
  };
};

/** The counters item, with a copy of maxUsers: a seat's condition (memberCount < maxUsers) is stated on this item. */
export const organisationCountersItem = (org: Pick<CountedOrganisation, 'id' | 'maxUsers' | keyof OrganisationCounts>) => ({
  ...organisationCountersKey(org.id),
  type: 'OrganisationCounters',
  memberCount: org.memberCount,
  adminCount: org.adminCount,
  codeUses: org.codeUses,
  maxUsers: org.maxUsers,
});

/**
 * An organisation written before its counters had an item of their own carries them: memberCount, adminCount and
 * joinCode.uses on the organisation item. Those are its counts until its counters item is created from them
 * (repositories/organisation-counters.ts), after which nothing writes them there.
 */
export const legacyCounts = (item: Record<string, unknown>): OrganisationCounts | undefined =>
  typeof item.memberCount === 'number'
    ? {
        memberCount: item.memberCount,
        adminCount: Number(item.adminCount ?? 0),
        codeUses: Number((item.joinCode as { uses?: unknown } | undefined)?.uses ?? 0),
      }
    : undefined;

export function organisationFromItem(item: Record<string, unknown>): Organisation {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, type: _type, memberCount: _m, adminCount: _a, ...org } = item;
  const { uses: _uses, ...joinCode } = (org.joinCode ?? {}) as JoinCodePolicy & { uses?: number };
  return { ...org, joinCode } as unknown as Organisation;
}

/** The counts of an organisation item and its counters item (absent: the legacy counts, or none yet: zeros). */
export const countsFromItems = (org: Record<string, unknown>, counters: Record<string, unknown> | undefined): OrganisationCounts =>
  counters
    ? {
        memberCount: Number(counters.memberCount ?? 0),
        adminCount: Number(counters.adminCount ?? 0),
        codeUses: Number(counters.codeUses ?? 0),
      }
    : (legacyCounts(org) ?? { memberCount: 0, adminCount: 0, codeUses: 0 });

export const countedOrganisationFromItems = (
  org: Record<string, unknown>,
  counters: Record<string, unknown> | undefined,
): CountedOrganisation => ({
  ...organisationFromItem(org),
  ...countsFromItems(org, counters),
});

/**
 * Who looks at an organisation: their standing there (membership status, the permissions their role gives, the
 * organisation's MFA rule and whether they meet it).
 */
export type Viewer = Standing;

/**
 * The one rule for who sees an organisation's join code: a member who may act with their membership (acting():
 * ACTIVE, with MFA where the organisation requires it) whose role (built-in or custom) holds organisation:manage, or
 * any such member when the organisation's admins chose to share the code with members (seed 001: "users can share
 * the code"; the default is admins only). Every answer that may carry the code asks this.
 */
export const seesJoinCode = (viewer: Viewer, org: Pick<Organisation, 'joinCode'>): boolean => {
  const outcome = acting(viewer);
  return outcome.may && (outcome.permissions.has('organisation:manage') || org.joinCode.sharedWithMembers === true);
};

/**
 * Who sees the organisation's record (licence number, contact e-mail, phone, address): its members who may act with
 * their membership, whatever their role. It is the practice's professional identity (what its letterhead and
 * prescriptions carry), which its staff need to work; it is never shown to non-members, nor to a member whose
 * membership is pending or suspended, nor to one without the MFA the organisation requires.
 */
export const seesOrganisationRecord = (viewer: Viewer): boolean => acting(viewer).may;

/** The record fields an organisation holds (only those set). */
export const organisationRecord = (org: OrganisationRecord): OrganisationRecord => ({
  ...(org.licenseNumber ? { licenseNumber: org.licenseNumber } : {}),
  ...(org.contactEmail ? { contactEmail: org.contactEmail } : {}),
  ...(org.phone ? { phone: org.phone } : {}),
  ...(org.address ? { address: org.address } : {}),
});
