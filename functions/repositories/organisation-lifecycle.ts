// Changes to an existing organisation: updates (a rename swaps the name/slug guards in the same transaction) and
// deletion, which is too large for one transaction: it is started by one (status DELETING), carried out page by
// page with idempotent batch deletes, and finished by one that removes the organisation item and its guards.
import { BatchWriteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, isConditionFailure, TABLE } from '#adapters/dynamodb';
import type { AuditEntry } from '#domain/audit';
import { INVITATION_SK_PREFIX, invitationTokenGuardKey } from '#domain/invitation';
import { JOIN_REQUEST_SK_PREFIX } from '#domain/join-request';
import { organisationPk } from '#domain/keys';
import { MEMBER_SK_PREFIX, type Membership, membershipFromItem, membershipKey } from '#domain/membership';
import { invitationResolved, joinRequestDropped } from '#domain/metrics';
import {
  ORGANISATION_SK,
  type Organisation,
  organisationGuardKeys,
  organisationKey,
  organisationLicenseGuardKey,
  organisationNameGuardKey,
  organisationSlugGuardKey,
} from '#domain/organisation';
import { patientNamePartitions } from '#domain/patient-search';
import { userKey } from '#domain/user';
import { platformAuditWrite } from './audit.ts';
import { GUARD } from './guards.ts';
import { metricItems } from './metrics.ts';
import { licenseGuard } from './organisations.ts';
import { conditionFailed, type NamedItem, putNew, transact } from './transactions.ts';

type Key = { pk: string; sk: string };

export interface OrganisationChanges {
  nom?: string;
  nameKey?: string;
  slug?: string;
  /** null removes the field (and, for licenseKey, releases its guard). */
  description?: string | null;
  country?: string;
  subscriptionTier?: string;
  maxUsers?: number;
  licenseNumber?: string | null;
  licenseKey?: string | null;
  contactEmail?: string | null;
  phone?: string | null;
  address?: string | null;
  mfaRequired?: boolean;
}

/** Deletes a guard item only if it still belongs to this organisation. */
const releaseGuard = (key: Key, organisationId: string): NamedItem => ({
  item: {
    Delete: {
      TableName: TABLE,
      Key: key,
      ConditionExpression: 'organisationId = :org',
      ExpressionAttributeValues: { ':org': organisationId },
    },
  },
  guard: GUARD.previousGuard,
});

/**
 * The items applying `changes` to `current`: the organisation update and, for a new name, slug or licence number,
 * the guard swap (old guard deleted, new one created: ConditionFailed organisationName / slug / licenseNumber when
 * taken). The update is conditioned on the organisation's status (ACTIVE, or also SUSPENDED for the platform), on its
 * name and licence number being those read, and on maxUsers ≥ memberCount. The caller adds the audit entry and
 * commits them in ONE transaction (transactAs).
 */
export function organisationUpdateItems(
  current: Organisation,
  changes: OrganisationChanges,
  now: string,
  options: { allowSuspended?: boolean } = {},
): NamedItem[] {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':active': 'ACTIVE', ':seenName': current.nameKey, ':now': now };
  const sets = ['updatedAt = :now'];
  const removes: string[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    if (value === null) {
      removes.push(`#${field}`);
    } else {
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
  }
  const conditions = ['attribute_exists(pk)', 'nameKey = :seenName'];
  if (options.allowSuspended) {
    conditions.push('#status IN (:active, :suspended)');
    values[':suspended'] = 'SUSPENDED';
  } else {
    conditions.push('#status = :active');
  }
  // Seats are counted against maxUsers when members join (memberCount < maxUsers), so it may not drop below them.
  if (changes.maxUsers !== undefined) conditions.push('memberCount <= :maxUsers');
  const licenseChanges = changes.licenseKey !== undefined && changes.licenseKey !== (current.licenseKey ?? null);
  if (licenseChanges) {
    names['#seenLicense'] = 'licenseKey';
    if (current.licenseKey) {
      conditions.push('#seenLicense = :seenLicense');
      values[':seenLicense'] = current.licenseKey;
    } else {
      conditions.push('attribute_not_exists(#seenLicense)');
    }
  }
  const items: NamedItem[] = [
    {
      item: {
        Update: {
          TableName: TABLE,
          Key: organisationKey(current.id),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      guard: GUARD.organisation,
    },
  ];
  if (changes.nameKey !== undefined && changes.nameKey !== current.nameKey) {
    items.push(releaseGuard(organisationNameGuardKey(current.nameKey), current.id), {
      item: putNew(TABLE, { ...organisationNameGuardKey(changes.nameKey), organisationId: current.id }),
      guard: GUARD.organisationName,
    });
  }
  if (changes.slug !== undefined && changes.slug !== current.slug) {
    items.push(releaseGuard(organisationSlugGuardKey(current.slug), current.id), {
      item: putNew(TABLE, { ...organisationSlugGuardKey(changes.slug), organisationId: current.id }),
      guard: GUARD.slug,
    });
  }
  if (licenseChanges) {
    if (current.licenseKey) items.push(releaseGuard(organisationLicenseGuardKey(current.licenseKey), current.id));
    if (changes.licenseKey) items.push(licenseGuard(current.id, changes.licenseKey));
  }
  return items;
}

/**
 * Starts a deletion: status ACTIVE → DELETING with who asked, and the platform audit entry, in ONE transaction.
 * From then on every member token is refused (authenticate accepts ACTIVE organisations only).
 */
export async function markDeleting(org: Organisation, requestedBy: string, audit: AuditEntry, now: string): Promise<void> {
  await transact([
    {
      item: {
        Update: {
          TableName: TABLE,
          Key: organisationKey(org.id),
          UpdateExpression: 'SET #status = :deleting, deletion = :deletion, updatedAt = :now',
          ConditionExpression: '#status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':deleting': 'DELETING',
            ':active': 'ACTIVE',
            ':deletion': { requestedBy, requestedAt: now },
            ':now': now,
          },
        },
      },
      guard: GUARD.organisation,
    },
    platformAuditWrite(audit),
  ]);
}

// BatchWriteItem takes at most 25 requests; unprocessed ones are retried with backoff before giving up.
const BATCH_WRITE_LIMIT = 25;
const BATCH_WRITE_ATTEMPTS = 8;

async function batchDelete(keys: Key[]): Promise<void> {
  for (let start = 0; start < keys.length; start += BATCH_WRITE_LIMIT) {
    let pending: Record<string, unknown>[] = keys.slice(start, start + BATCH_WRITE_LIMIT).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= BATCH_WRITE_ATTEMPTS) throw new Error('BatchWriteItem left unprocessed deletes');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt)));
      const response = await db.send(new BatchWriteCommand({ RequestItems: { [TABLE]: pending } }));
      pending = (response.UnprocessedItems?.[TABLE] as Record<string, unknown>[] | undefined) ?? [];
    }
  }
}

/** The item's key plus any item outside the partition that only exists for it (an invitation's token guard). */
function keysToDelete(item: Record<string, unknown>): Key[] {
  const keys: Key[] = [{ pk: String(item.pk), sk: String(item.sk) }];
  if (String(item.sk).startsWith(INVITATION_SK_PREFIX) && typeof item.tokenHash === 'string') {
    keys.push(invitationTokenGuardKey(item.tokenHash));
  }
  return keys;
}

/**
 * A PENDING invitation or join request leaves the KPIs' "pending" counts when its organisation goes: it is deleted in a
 * small transaction of its own that counts it (an unexpired invitation as revoked, a join request as dropped), on
 * condition that it is still PENDING, so a resumed deletion never counts it twice. Undefined for any other item.
 */
function countedDeletion(item: Record<string, unknown>, now: string): NamedItem[] | undefined {
  const sk = String(item.sk);
  if (item.status !== 'PENDING') return undefined;
  const pending = {
    ConditionExpression: '#status = :pending',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':pending': 'PENDING' },
  };
  const key = { pk: String(item.pk), sk };
  if (sk.startsWith(INVITATION_SK_PREFIX) && typeof item.expiresAt === 'string' && item.expiresAt > now) {
    return [
      { item: { Delete: { TableName: TABLE, Key: key, ...pending } }, guard: GUARD.invitationState },
      ...(typeof item.tokenHash === 'string'
        ? [{ item: { Delete: { TableName: TABLE, Key: invitationTokenGuardKey(item.tokenHash) } } }]
        : []),
      ...metricItems(invitationResolved({ expiresAt: item.expiresAt }, 'revoked', now)),
    ];
  }
  if (sk.startsWith(JOIN_REQUEST_SK_PREFIX) && typeof item.createdAt === 'string') {
    return [
      { item: { Delete: { TableName: TABLE, Key: key, ...pending } }, guard: GUARD.joinRequestState },
      ...metricItems(joinRequestDropped({ createdAt: item.createdAt })),
    ];
  }
  return undefined;
}

async function deleteCounted(items: NamedItem[]): Promise<void> {
  try {
    await transact(items);
  } catch (error) {
    // No longer PENDING (accepted, reviewed or already deleted meanwhile): a later pass deletes what is left.
    if (!conditionFailed(error, GUARD.invitationState, GUARD.joinRequestState)) throw error;
  }
}

const PAGE_SIZE = 100;
// A request authorised just before the DELETING mark (access is cached for up to 5 s) may still write an item
// after a pass went by: passes repeat until one finds nothing left to delete.
const MAX_PASSES = 5;

/**
 * Deletes every item of the organisation's partitions (its ORG# partition and its patients' name index) except the organisation item and `keepMemberId`'s
 * membership (removed last, by finishDeletion). Each page's memberships are given to `beforeDeletingMembers`
 * first, so a failure part-way leaves them (and their users' clean-up) for the next attempt. Idempotent.
 */
export async function purgeOrganisationPartition(
  organisationId: string,
  keepMemberId: string | undefined,
  beforeDeletingMembers: (memberships: Membership[]) => Promise<void>,
): Promise<void> {
  // The patients' name index lives in partitions of its own under the same ORG# prefix (domain/patient-search).
  const partitions = [organisationPk(organisationId), ...patientNamePartitions(organisationId)];
  const kept = new Set([ORGANISATION_SK, ...(keepMemberId ? [membershipKey(organisationId, keepMemberId).sk] : [])]);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let deleted = 0;
    for (const pk of partitions) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: TABLE,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': pk },
            ConsistentRead: true,
            Limit: PAGE_SIZE,
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
        );
        const items = (page.Items ?? []).filter((item) => !kept.has(String(item.sk)));
        const memberships = items.filter((item) => String(item.sk).startsWith(MEMBER_SK_PREFIX)).map(membershipFromItem);
        if (memberships.length > 0) await beforeDeletingMembers(memberships);
        const now = new Date().toISOString();
        const counted = items.map((item) => countedDeletion(item, now));
        for (const transaction of counted) if (transaction) await deleteCounted(transaction);
        await batchDelete(items.filter((_, index) => !counted[index]).flatMap(keysToDelete));
        deleted += items.length;
        start = page.LastEvaluatedKey;
      } while (start);
    }
    if (deleted === 0) return;
  }
}

/**
 * Finishes a deletion in ONE transaction: the organisation item (still DELETING), its name/slug/join-code guards
 * (only where they still name this organisation), the kept membership and the platform audit entry.
 */
export async function finishDeletion(org: Organisation, keptMemberId: string | undefined, audit: AuditEntry): Promise<void> {
  const ifOurs = {
    ConditionExpression: 'attribute_not_exists(pk) OR organisationId = :org',
    ExpressionAttributeValues: { ':org': org.id },
  };
  await transact([
    {
      item: {
        Delete: {
          TableName: TABLE,
          Key: organisationKey(org.id),
          ConditionExpression: '#status = :deleting',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':deleting': 'DELETING' },
        },
      },
      guard: GUARD.organisation,
    },
    ...organisationGuardKeys(org).map((Key) => ({
      item: { Delete: { TableName: TABLE, Key, ...ifOurs } },
      guard: GUARD.previousGuard,
    })),
    ...(keptMemberId ? [{ item: { Delete: { TableName: TABLE, Key: membershipKey(org.id, keptMemberId) } } }] : []),
    platformAuditWrite(audit),
  ]);
}

/** Forgets the user's current organisation if it is `from`; a no-op otherwise. */
export async function clearCurrentOrganisation(userId: string, from: string, now: string): Promise<void> {
  await conditionalUserUpdate({
    Key: userKey(userId),
    UpdateExpression: 'SET updatedAt = :now REMOVE currentOrganisationId',
    ConditionExpression: 'attribute_exists(pk) AND currentOrganisationId = :from',
    ExpressionAttributeValues: { ':from': from, ':now': now },
  });
}

async function conditionalUserUpdate(update: {
  Key: Key;
  UpdateExpression: string;
  ConditionExpression: string;
  ExpressionAttributeValues: Record<string, unknown>;
}): Promise<void> {
  try {
    await db.send(new UpdateCommand({ TableName: TABLE, ...update }));
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
