// Reads what the auth middleware needs to authorise a request: the caller's membership and its organisation,
// in one BatchGetItem, cached per container for at most MEMBERSHIP_CACHE_TTL_MS (5 s).
import { batchGet, findItem } from '#adapters/dynamodb';
import { config } from '#core/config';
import { membershipFromItem, membershipKey, type Membership } from '#domain/membership';
import { organisationKey, type OrganisationStatus } from '#domain/organisation';

export interface Access {
  membership: Membership;
  organisationStatus: OrganisationStatus;
}

const cache = new Map<string, { value: Access | undefined; expires: number }>();

async function readAccess(organisationId: string, userId: string): Promise<Access | undefined> {
  const memberKey = membershipKey(organisationId, userId);
  const orgKey = organisationKey(organisationId);
  const items = await batchGet([memberKey, orgKey], {
    // Strongly consistent: a membership written a moment ago (registration, approval) must be visible.
    consistent: true,
  });
  const member = findItem(items, memberKey);
  const org = findItem(items, orgKey);
  if (!member || !org) return undefined;
  return { membership: membershipFromItem(member), organisationStatus: org.status as OrganisationStatus };
}

export async function getAccess(organisationId: string, userId: string): Promise<Access | undefined> {
  const key = `${organisationId}|${userId}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expires > now) return hit.value;
  const value = await readAccess(organisationId, userId);
  if (config.MEMBERSHIP_CACHE_TTL_MS > 0) {
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { value, expires: now + config.MEMBERSHIP_CACHE_TTL_MS });
  }
  return value;
}
