// Reads what the auth middleware needs to authorise a request: the caller's membership, its organisation and the
// caller's profile (revoked tokens, MFA), in one BatchGetItem, cached per container for at most
// MEMBERSHIP_CACHE_TTL_MS (5 s); for routes without an organisation, the profile alone, cached alike.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, TABLE } from '#adapters/dynamodb';
import { config } from '#core/config';
import type { Membership } from '#domain/membership';
import type { OrganisationStatus } from '#domain/organisation';
import type { Permission } from '#domain/permissions';
import { superAdminKey } from '#domain/platform';
import { type TokenGate, tokenGateOf } from '#domain/session';
import { userFromItem, userKey } from '#domain/user';
import { getMembershipAccess } from './organisations.ts';

export interface Access {
  membership: Membership;
  organisationStatus: OrganisationStatus;
  /** The organisation requires its members to sign in with MFA. */
  mfaRequired: boolean;
  /** The caller's revoked tokens and MFA state, from their profile. */
  gate: TokenGate;
  /** Present for custom roles only. */
  permissions?: Permission[];
  /** The custom role item's updatedAt (custom roles only). */
  roleVersion?: string;
}

/**
 * Caches `load` per key for MEMBERSHIP_CACHE_TTL_MS in this container, bounded in size: what access decisions
 * read may be at most that old, so removals and role changes apply within that time.
 */
function cachedFor<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const entries = new Map<string, { value: T; expires: number }>();
  return async (key) => {
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    const value = await load(key);
    if (config.MEMBERSHIP_CACHE_TTL_MS > 0) {
      if (entries.size > 10_000) entries.clear();
      entries.set(key, { value, expires: now + config.MEMBERSHIP_CACHE_TTL_MS });
    }
    return value;
  };
}

async function readAccess(organisationId: string, userId: string): Promise<Access | undefined> {
  // One strongly consistent BatchGetItem (a membership written a moment ago must be visible), plus the custom
  // role's item when the role is not built in: editing a role applies to every holder.
  const { organisation, membership, user, customPermissions, customRoleVersion } = await getMembershipAccess(organisationId, userId, {
    withProfile: true,
  });
  if (!organisation || !membership) return undefined;
  return {
    membership,
    organisationStatus: organisation.status,
    mfaRequired: organisation.mfaRequired === true,
    gate: tokenGateOf(user),
    ...(customPermissions ? { permissions: customPermissions } : {}),
    ...(customRoleVersion ? { roleVersion: customRoleVersion } : {}),
  };
}

const cachedAccess = cachedFor((key) => {
  const [organisationId = '', userId = ''] = key.split('|');
  return readAccess(organisationId, userId);
});

export const getAccess = (organisationId: string, userId: string): Promise<Access | undefined> =>
  cachedAccess(`${organisationId}|${userId}`);

/** Whether the user is a platform super-admin (PLATFORM / SUPERADMIN#<id>), cached like memberships. */
export const isSuperAdmin = cachedFor(async (userId) => {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: superAdminKey(userId), ConsistentRead: true }));
  return Item !== undefined;
});

/**
 * The caller's profile as the session checks need it, for routes that read no membership ('user', 'optionalUser',
 * 'superAdmin'), cached like memberships. A missing profile (an account whose deletion is finishing) revokes nothing:
 * those routes' use cases refuse a caller without a profile themselves.
 */
export const getTokenGate = cachedFor(async (userId): Promise<TokenGate> => {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: userKey(userId), ConsistentRead: true }));
  return tokenGateOf(Item ? userFromItem(Item) : undefined);
});
