// Platform (super-admin) persistence: every organisation through the list's GSI1 shards (ORGANISATIONS#<n>), organisation
// creation by the platform with its admin invitation, status changes, and the support-access read side.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGet, db, findItem, GSI1, TABLE } from '#adapters/dynamodb';
import type { AuditEntry } from '#domain/audit';
import { type Membership, membershipItem } from '#domain/membership';
import {
  type CountedOrganisation,
  countedOrganisationFromItems,
  type OrganisationStatus,
  organisationCountersKey,
  organisationKey,
} from '#domain/organisation';
import { mergeOrganisationPages, ORGANISATION_LIST_PKS, organisationIdOfListKey } from '#domain/platform';
import { type SupportGrant, supportGrantFromItem, supportGrantKey } from '#domain/support-grant';
import type { User } from '#domain/user';
import { transactAsSuperAdmin } from './actor.ts';
import { auditWrite } from './audit.ts';
import { decodeScopedCursor, encodeScopedCursor } from './cursor.ts';
import { GUARD } from './guards.ts';
import { readCountedOrganisation, withCounters } from './organisation-counters.ts';
import { newOrganisationItems } from './organisations.ts';
import { conditionFailed, type NamedItem, putNew } from './transactions.ts';
import { newUserItems } from './users.ts';

// Cursors of the platform-wide list are bound to the platform scope, so a tenant's cursor is refused here and a
// platform cursor is refused by tenant lists.
const PLATFORM_SCOPE = 'platform:organisations';

function decodePlatformCursor(cursor: string): string {
  return decodeScopedCursor(PLATFORM_SCOPE, cursor, (key) => organisationIdOfListKey(key) !== undefined);
}

/**
 * Every organisation, newest first: one GSI1 Query per list shard (ORGANISATION_LIST_PKS, in parallel, never a Scan),
 * each of at most `limit` items below the cursor, merged. A page costs ORGANISATION_LIST_PKS.length Queries and reads
 * at most that many times `limit` items, of which it answers `limit`.
 */
export async function listAllOrganisations(page: {
  limit: number;
  cursor?: string | undefined;
}): Promise<{ items: CountedOrganisation[]; nextCursor: string | null }> {
  const after = page.cursor ? decodePlatformCursor(page.cursor) : undefined;
  const byKey = new Map<string, Record<string, unknown>>();
  const reads = await Promise.all(
    ORGANISATION_LIST_PKS.map(async (pk) => {
      const response = await db.send(
        new QueryCommand({
          TableName: TABLE,
          IndexName: GSI1,
          KeyConditionExpression: after ? 'gsi1pk = :pk AND gsi1sk < :after' : 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': pk, ...(after ? { ':after': after } : {}) },
          ScanIndexForward: false,
          Limit: page.limit,
        }),
      );
      const keys = (response.Items ?? []).map((item) => {
        byKey.set(String(item.gsi1sk), item);
        return String(item.gsi1sk);
      });
      return { keys, more: response.LastEvaluatedKey !== undefined };
    }),
  );
  const { keys, more } = mergeOrganisationPages(reads, page.limit);
  const last = keys.at(-1);
  return {
    // The page's counters: one BatchGetItem more.
    items: await withCounters(
      keys.flatMap((key) => {
        const item = byKey.get(key);
        return item ? [item] : [];
      }),
    ),
    nextCursor: more && last ? encodeScopedCursor(PLATFORM_SCOPE, last) : null,
  };
}

/**
 * Writes a platform-created organisation (no member yet), its name/slug/join-code/licence guards, its first ADMIN
 * invitation items (invitation + INVITE#<hash> guard, see invitations.ts), the KPI counters and the audit entries
 * (also in the platform trail), in ONE transaction by the super-admin `actorId`. Throws ConditionFailed naming the
 * taken guards.
 */
export async function createOrganisationWithInvitation(
  actorId: string,
  org: CountedOrganisation,
  invitationItems: NamedItem[],
  audit: AuditEntry[],
): Promise<void> {
  await transactAsSuperAdmin(actorId, [...newOrganisationItems(org), ...invitationItems, ...audit.map(auditWrite)]);
}

/**
 * Writes a platform-created organisation together with its first ADMIN's new account (profile, username guard, ACTIVE
 * membership) and `extra` items (the set-password link), the guards, KPI counters and audit entries (also in the
 * platform trail), in ONE transaction by the super-admin `actorId`. Throws ConditionFailed naming the taken guards.
 */
export async function createOrganisationWithNewAdmin(
  actorId: string,
  org: CountedOrganisation,
  admin: { user: User; membership: Membership },
  extra: NamedItem[],
  audit: AuditEntry[],
): Promise<void> {
  await transactAsSuperAdmin(actorId, [
    ...newOrganisationItems(org),
    ...newUserItems(admin.user),
    { item: putNew(TABLE, membershipItem(admin.membership)), guard: GUARD.membership },
    ...extra,
    ...audit.map(auditWrite),
  ]);
}

export type StatusChange = { result: 'changed' } | { result: 'not-found' } | { result: 'refused'; current: OrganisationStatus };

/**
 * Moves the organisation from status `from` to `to` and writes its audit entry (also in the platform trail), in one
 * transaction by the super-admin who is the entry's actor. Refused (with the current status) when the organisation is
 * in any other status, e.g. already there or being deleted.
 */
export async function setOrganisationStatus(
  organisationId: string,
  from: OrganisationStatus,
  to: OrganisationStatus,
  audit: AuditEntry,
): Promise<StatusChange> {
  try {
    await transactAsSuperAdmin(audit.actorId, [
      {
        item: {
          Update: {
            TableName: TABLE,
            Key: organisationKey(organisationId),
            UpdateExpression: 'SET #status = :to, updatedAt = :now',
            ConditionExpression: 'attribute_exists(pk) AND #status = :from',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':from': from, ':to': to, ':now': audit.at },
          },
        },
        guard: GUARD.organisationStatus,
      },
      auditWrite(audit),
    ]);
    return { result: 'changed' };
  } catch (error) {
    if (!conditionFailed(error, GUARD.organisationStatus)) throw error;
    const organisation = await findOrganisation(organisationId);
    return organisation ? { result: 'refused', current: organisation.status } : { result: 'not-found' };
  }
}

/** Strongly consistent read of an organisation and its counters (used right after the platform changed it). */
export const findOrganisation = (organisationId: string): Promise<CountedOrganisation | undefined> =>
  readCountedOrganisation(organisationId, { consistent: true });

/** The organisation and its support grant (if any), in one strongly consistent BatchGetItem. */
export async function getOrganisationAndSupportGrant(
  organisationId: string,
): Promise<{ organisation?: CountedOrganisation; grant?: SupportGrant }> {
  const orgKey = organisationKey(organisationId);
  const countersKey = organisationCountersKey(organisationId);
  const grantKey = supportGrantKey(organisationId);
  const items = await batchGet([orgKey, countersKey, grantKey], { consistent: true });
  const org = findItem(items, orgKey);
  const grant = findItem(items, grantKey);
  return {
    ...(org ? { organisation: countedOrganisationFromItems(org, findItem(items, countersKey)) } : {}),
    ...(grant ? { grant: supportGrantFromItem(grant) } : {}),
  };
}

/**
 * Records one support access in the organisation's audit trail (and the platform's), on condition that its support
 * grant is still active at that instant (not revoked, not expired): false when it no longer is, so nothing read is
 * returned.
 */
export async function recordSupportAccess(entry: AuditEntry): Promise<boolean> {
  try {
    await transactAsSuperAdmin(entry.actorId, [
      {
        item: {
          ConditionCheck: {
            TableName: TABLE,
            Key: supportGrantKey(entry.organisationId),
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt) AND expiresAt > :now',
            ExpressionAttributeValues: { ':now': entry.at },
          },
        },
        guard: GUARD.activeGrant,
      },
      auditWrite(entry),
    ]);
    return true;
  } catch (error) {
    if (conditionFailed(error, GUARD.activeGrant)) return false;
    throw error;
  }
}
