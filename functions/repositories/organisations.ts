// Organisation, user and membership persistence: the atomic creation of an organisation with its ADMIN,
// and the reads the session endpoints need.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, db, findItem, TABLE } from '#adapters/dynamodb';
import { type Membership, membershipFromItem, membershipItem, membershipKey } from '#domain/membership';
import { monthly } from '#domain/metrics';
import {
  type CountedOrganisation,
  countedOrganisationFromItems,
  joinCodeGuardKey,
  type Organisation,
  organisationCountersItem,
  organisationCountersKey,
  organisationFromItem,
  organisationItem,
  organisationKey,
  organisationLicenseGuardKey,
  organisationNameGuardKey,
  organisationSlugGuardKey,
} from '#domain/organisation';
import { isBuiltInRole, type Permission, permissionsOf } from '#domain/permissions';
import { roleFromItem, roleKey } from '#domain/role';
import { type User, userFromItem, userKey } from '#domain/user';
import { GUARD } from './guards.ts';
import { rosterPut } from './memberships.ts';
import { metricItems } from './metrics.ts';
import { type NamedItem, putNew, transact } from './transactions.ts';
import { newUserItems } from './users.ts';

export const organisationGuards = (org: Organisation): NamedItem[] => [
  { item: putNew(TABLE, { ...organisationNameGuardKey(org.nameKey), organisationId: org.id }), guard: GUARD.organisationName },
  { item: putNew(TABLE, { ...organisationSlugGuardKey(org.slug), organisationId: org.id }), guard: GUARD.slug },
  { item: putNew(TABLE, { ...joinCodeGuardKey(org.code), organisationId: org.id }), guard: GUARD.joinCode },
  ...(org.joinCode.temporaryCode
    ? [
        {
          item: putNew(TABLE, { ...joinCodeGuardKey(org.joinCode.temporaryCode.code), organisationId: org.id }),
          guard: GUARD.temporaryCode,
        },
      ]
    : []),
  ...(org.licenseKey ? [licenseGuard(org.id, org.licenseKey)] : []),
];

/** The ORGLICENSE# guard that makes a licence number unique across the platform (ConditionFailed licenseNumber). */
export const licenseGuard = (organisationId: string, key: string): NamedItem => ({
  item: putNew(TABLE, { ...organisationLicenseGuardKey(key), organisationId }),
  guard: GUARD.licenseNumber,
});

/** The organisation item, its counters item and its guards, counted in the month's KPIs (organisations created). */
export const newOrganisationItems = (org: CountedOrganisation): NamedItem[] => [
  { item: putNew(TABLE, organisationItem(org)), guard: GUARD.organisationId },
  { item: putNew(TABLE, organisationCountersItem(org)), guard: GUARD.organisationId },
  ...organisationGuards(org),
  ...metricItems(org.id, [monthly(org.createdAt, { organisationsCreated: 1 })], org.createdAt),
];

/**
 * Writes the organisation, the ADMIN membership, the name/slug/code/licence guards, its KPI counter and (for a new user) the user's
 * profile and username guard in ONE transaction: all exist afterwards or none does. Throws ConditionFailed
 * naming the taken guards.
 */
export async function createOrganisationWithAdmin(
  org: CountedOrganisation,
  newUser: User | undefined,
  membership: Membership,
  extra: NamedItem[] = [],
): Promise<void> {
  await transact([
    ...newOrganisationItems(org),
    ...(newUser ? newUserItems(newUser) : []),
    { item: putNew(TABLE, membershipItem(membership)), guard: GUARD.membership },
    ...(membership.status === 'ACTIVE' ? [rosterPut(membership)] : []),
    ...extra,
  ]);
}

export async function getOrganisation(id: string): Promise<Organisation | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: organisationKey(id) }));
  return Item ? organisationFromItem(Item) : undefined;
}

/**
 * The user's profile and an organisation, in one BatchGetItem; with `role`, also the permissions that role gives
 * there (a custom role's item joins the same call).
 */
export async function getUserAndOrganisation(
  userId: string,
  organisationId: string,
  role?: string,
): Promise<{ user?: User; organisation?: Organisation; permissions: ReadonlySet<Permission> }> {
  const uKey = userKey(userId);
  const oKey = organisationKey(organisationId);
  const rKey = role && !isBuiltInRole(role) ? roleKey(organisationId, role) : undefined;
  const items = await batchGet([uKey, oKey, ...(rKey ? [rKey] : [])]);
  const user = findItem(items, uKey);
  const organisation = findItem(items, oKey);
  const custom = rKey ? findItem(items, rKey) : undefined;
  return {
    ...(user ? { user: userFromItem(user) } : {}),
    ...(organisation ? { organisation: organisationFromItem(organisation) } : {}),
    permissions: role ? permissionsOf(role, custom ? roleFromItem(custom).permissions : []) : new Set(),
  };
}

/** A user's standing in one organisation, read strongly consistent (authorisation outside the member middleware). */
export interface MembershipAccess {
  organisation?: Organisation;
  membership?: Membership;
  /** The user's profile, when asked for (withProfile). */
  user?: User;
  /** The custom role's permissions (undefined for built-in roles and when there is no membership). */
  customPermissions?: Permission[];
  /** The custom role item's updatedAt when it was read: a privileged write re-checks it (repositories/actor.ts). */
  customRoleVersion?: string;
}

/** `withProfile`: the user's profile joins the same BatchGetItem (the auth middleware's session and MFA checks). */
export async function getMembershipAccess(
  organisationId: string,
  userId: string,
  options: { withProfile?: boolean } = {},
): Promise<MembershipAccess> {
  const oKey = organisationKey(organisationId);
  const mKey = membershipKey(organisationId, userId);
  const uKey = userKey(userId);
  const items = await batchGet(options.withProfile ? [oKey, mKey, uKey] : [oKey, mKey], { consistent: true });
  const orgItem = findItem(items, oKey);
  const memberItem = findItem(items, mKey);
  const userItem = options.withProfile ? findItem(items, uKey) : undefined;
  const membership = memberItem ? membershipFromItem(memberItem) : undefined;
  let customPermissions: Permission[] | undefined;
  let customRoleVersion: string | undefined;
  if (membership && !isBuiltInRole(membership.role)) {
    const { Item } = await db.send(
      new GetCommand({ TableName: TABLE, Key: roleKey(organisationId, membership.role), ConsistentRead: true }),
    );
    customPermissions = Item ? roleFromItem(Item).permissions : [];
    if (Item) customRoleVersion = roleFromItem(Item).updatedAt;
  }
  return {
    ...(orgItem ? { organisation: organisationFromItem(orgItem) } : {}),
    ...(membership ? { membership } : {}),
    ...(userItem ? { user: userFromItem(userItem) } : {}),
    ...(customPermissions ? { customPermissions } : {}),
    ...(customRoleVersion ? { customRoleVersion } : {}),
  };
}

/** Organisations by id (missing ones left out), in one BatchGetItem per 100. */
export async function getOrganisationsByIds(ids: string[]): Promise<Map<string, Organisation>> {
  const found = new Map<string, Organisation>();
  for (const item of await batchGet(ids.map(organisationKey))) {
    const organisation = organisationFromItem(item);
    found.set(organisation.id, organisation);
  }
  return found;
}

/**
 * The organisations of some memberships with their counters, and the permissions of their custom roles, in one
 * BatchGetItem per 100 keys (a single call for anyone with fewer than ~33 memberships). Missing organisations are left out.
 */
export async function getOrganisationsOf(memberships: Membership[]): Promise<{
  organisations: Map<string, CountedOrganisation>;
  /** Keyed by `${organisationId}|${role}`. */
  customPermissions: Map<string, Permission[]>;
}> {
  const keys = memberships.flatMap((m) => [
    organisationKey(m.organisationId),
    organisationCountersKey(m.organisationId),
    ...(isBuiltInRole(m.role) ? [] : [roleKey(m.organisationId, m.role)]),
  ]);
  const items = await batchGet(keys);
  const organisations = new Map<string, CountedOrganisation>();
  const customPermissions = new Map<string, Permission[]>();
  for (const m of memberships) {
    const org = findItem(items, organisationKey(m.organisationId));
    if (org)
      organisations.set(m.organisationId, countedOrganisationFromItems(org, findItem(items, organisationCountersKey(m.organisationId))));
    if (!isBuiltInRole(m.role)) {
      const role = findItem(items, roleKey(m.organisationId, m.role));
      customPermissions.set(`${m.organisationId}|${m.role}`, role ? roleFromItem(role).permissions : []);
    }
  }
  return { organisations, customPermissions };
}
