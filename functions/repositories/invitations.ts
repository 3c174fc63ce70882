// Invitation persistence: the ORG#<org> / INVITATION#<id> item, its INVITE#<hash> token guard, and the
// conditional transitions (PENDING → ACCEPTED | REVOKED) as transaction items.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, GSI1, queryAll, TABLE } from '#adapters/dynamodb';
import {
  INVITATION_SK_PREFIX,
  type Invitation,
  invitationFromItem,
  invitationItem,
  invitationKey,
  invitationTokenGuardItem,
  invitationTokenGuardKey,
  inviteeInboxSk,
} from '#domain/invitation';
import { organisationPk } from '#domain/keys';
import { invitationResolved, invitationSent } from '#domain/metrics';
import type { TenantContext } from '#domain/tenant';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { GUARD } from './guards.ts';
import { metricItems } from './metrics.ts';
import { type NamedItem, putNew } from './transactions.ts';

/**
 * An invitation to an account: no token; its invitee answers it by id from their inbox. Counted in the KPIs like an
 * e-mailed one (sent this month, expiring in its expiry hour).
 */
export const newAccountInvitationItems = (invitation: Invitation): NamedItem[] => [
  { item: putNew(TABLE, invitationItem(invitation)), guard: GUARD.invitation },
  ...metricItems(invitation.organisationId, invitationSent(invitation), invitation.createdAt),
];

/**
 * The invitation and its token guard (the token itself is never stored, only its hash in the guard's key), counted
 * in the KPIs (sent this month, expiring in its expiry hour).
 */
export const newInvitationItems = (invitation: Invitation, tokenHash: string): NamedItem[] => [
  { item: putNew(TABLE, invitationItem(invitation, tokenHash)), guard: GUARD.invitation },
  { item: putNew(TABLE, invitationTokenGuardItem(tokenHash, invitation)), guard: GUARD.invitationToken },
  ...metricItems(invitation.organisationId, invitationSent(invitation), invitation.createdAt),
];

const get = async (key: { pk: string; sk: string }) =>
  (await db.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;

export async function getInvitation(tenant: TenantContext, id: string): Promise<Invitation | undefined> {
  const item = await get(invitationKey(tenant.organisationId, id));
  return item ? invitationFromItem(item) : undefined;
}

/** The invitation a presented token names, through its guard item: two GetItems, never a Scan. */
/** The invitations in these inboxes (an account's, its verified address's), read in full: a person has a few. */
export async function listInbox(inboxes: string[]): Promise<Invitation[]> {
  const found: Invitation[] = [];
  for (const inbox of inboxes) {
    const items = await queryAll({
      IndexName: GSI1,
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: { ':pk': inbox, ':prefix': INVITATION_SK_PREFIX },
    });
    found.push(...items.map(invitationFromItem));
  }
  return found;
}

/** One invitation of these inboxes by its id (the index is eventually consistent: the item is read again, strongly). */
export async function findInInbox(inboxes: string[], invitationId: string): Promise<Invitation | undefined> {
  for (const inbox of inboxes) {
    const { Items } = await db.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: GSI1,
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
        ExpressionAttributeValues: { ':pk': inbox, ':sk': inviteeInboxSk(invitationId) },
      }),
    );
    const filed = Items?.[0];
    if (filed) return reloadInvitation(invitationFromItem(filed));
  }
  return undefined;
}

export async function findInvitationByTokenHash(tokenHash: string): Promise<Invitation | undefined> {
  const guard = await get(invitationTokenGuardKey(tokenHash));
  if (typeof guard?.organisationId !== 'string' || typeof guard.invitationId !== 'string') return undefined;
  const item = await get(invitationKey(guard.organisationId, guard.invitationId));
  return item ? invitationFromItem(item) : undefined;
}

/** The stored state of an invitation already read (e.g. after its transition was refused). */
export async function reloadInvitation(invitation: Pick<Invitation, 'organisationId' | 'id'>): Promise<Invitation | undefined> {
  const item = await get(invitationKey(invitation.organisationId, invitation.id));
  return item ? invitationFromItem(item) : undefined;
}

export type InvitationFilter = 'PENDING' | 'ACCEPTED' | 'REVOKED' | 'DECLINED' | 'EXPIRED';

function filterFor(status: InvitationFilter | undefined, now: string) {
  if (!status) return {};
  const names = { '#status': 'status' };
  if (status === 'PENDING' || status === 'EXPIRED') {
    return {
      FilterExpression: `#status = :pending AND expiresAt ${status === 'PENDING' ? '>' : '<='} :now`,
      ExpressionAttributeNames: names,
      values: { ':pending': 'PENDING', ':now': now },
    };
  }
  return { FilterExpression: '#status = :status', ExpressionAttributeNames: names, values: { ':status': status } };
}

// A filtered Query may evaluate a whole page without a match; a few reads fill the page before answering.
const MAX_READS_PER_PAGE = 5;

export async function listInvitations(
  tenant: TenantContext,
  page: { limit: number; cursor?: string | undefined; status?: InvitationFilter | undefined },
): Promise<{ items: Invitation[]; nextCursor: string | null }> {
  const pk = organisationPk(tenant.organisationId);
  let after = page.cursor ? decodeCursor(tenant, page.cursor, INVITATION_SK_PREFIX) : undefined;
  const { values, ...filter } = filterFor(page.status, new Date().toISOString());
  const items: Invitation[] = [];
  for (let reads = 0; reads < MAX_READS_PER_PAGE && items.length < page.limit; reads++) {
    const response = await db.send(
      new QueryCommand({
        TableName: TABLE,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': INVITATION_SK_PREFIX, ...values },
        ...filter,
        // Limit counts evaluated items, so the page never exceeds page.limit and the cursor stays exact.
        Limit: page.limit - items.length,
        ...(after ? { ExclusiveStartKey: { pk, sk: after } } : {}),
      }),
    );
    items.push(...(response.Items ?? []).map(invitationFromItem));
    const last = response.LastEvaluatedKey?.sk;
    after = typeof last === 'string' ? last : undefined;
    if (!after) break;
  }
  return { items, nextCursor: after ? encodeCursor(tenant, after) : null };
}

const transition = (
  invitation: Invitation,
  status: 'ACCEPTED' | 'REVOKED' | 'DECLINED',
  fields: Record<string, string>,
  condition: { notExpiredAt?: string },
): NamedItem => {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = { ':pending': 'PENDING', ':next': status };
  const parts = Object.entries(fields).map(([field, value], index) => {
    names[`#f${index}`] = field;
    values[`:v${index}`] = value;
    return `#f${index} = :v${index}`;
  });
  if (condition.notExpiredAt) values[':now'] = condition.notExpiredAt;
  return {
    item: {
      Update: {
        TableName: TABLE,
        Key: invitationKey(invitation.organisationId, invitation.id),
        UpdateExpression: `SET #status = :next, ${parts.join(', ')}`,
        ConditionExpression: `#status = :pending${condition.notExpiredAt ? ' AND expiresAt > :now' : ''}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    guard: GUARD.invitationState,
  };
};

/** PENDING and unexpired → ACCEPTED by `userId`; the condition makes a token usable exactly once. Counted in the KPIs. */
export const acceptInvitationItems = (invitation: Invitation, userId: string, at: string): NamedItem[] => [
  transition(invitation, 'ACCEPTED', { acceptedBy: userId, acceptedAt: at }, { notExpiredAt: at }),
  ...metricItems(invitation.organisationId, invitationResolved(invitation, 'accepted', at), at),
];

/** PENDING and unexpired → DECLINED by its invitee. Counted in the KPIs. */
export const declineInvitationItems = (invitation: Invitation, at: string): NamedItem[] => [
  transition(invitation, 'DECLINED', { declinedAt: at }, { notExpiredAt: at }),
  ...metricItems(invitation.organisationId, invitationResolved(invitation, 'declined', at), at),
];

/**
 * PENDING → REVOKED (an expired invitation may still be revoked, so it reads as revoked). Counted in the KPIs: revoked
 * before `expiresAt` (by its recorded revokedAt) it leaves its expiry hour; revoked after, it had already expired.
 */
export const revokeInvitationItems = (invitation: Invitation, actorId: string, at: string): NamedItem[] => [
  transition(invitation, 'REVOKED', { revokedBy: actorId, revokedAt: at }, {}),
  ...metricItems(invitation.organisationId, invitationResolved(invitation, 'revoked', at), at),
];
