// A person leaving an organisation on their own behalf (leaving it, or deleting their account), as transaction items:
// the membership removed with the organisation's counters (memberships.ts), a pending join request withdrawn, and
// the profile's current organisation forgotten when it was this one.
import { TABLE } from '#adapters/dynamodb';
import { joinRequestKey } from '#domain/join-request';
import type { Membership } from '#domain/membership';
import { userKey } from '#domain/user';
import { GUARD } from './guards.ts';
import { removeMembership } from './memberships.ts';
import type { NamedItem } from './transactions.ts';

export function leavingItems(membership: Membership, options: { clearCurrent: boolean }): NamedItem[] {
  const items = removeMembership(membership);
  if (membership.status === 'PENDING') {
    items.push({
      item: {
        Delete: {
          TableName: TABLE,
          Key: joinRequestKey(membership.organisationId, membership.userId),
          ConditionExpression: 'attribute_not_exists(pk) OR #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'PENDING' },
        },
      },
      guard: GUARD.joinRequestState,
    });
  }
  if (options.clearCurrent) {
    items.push({
      item: {
        Update: {
          TableName: TABLE,
          Key: userKey(membership.userId),
          UpdateExpression: 'SET updatedAt = :now REMOVE currentOrganisationId',
          ConditionExpression: 'currentOrganisationId = :org',
          ExpressionAttributeValues: { ':org': membership.organisationId, ':now': new Date().toISOString() },
        },
      },
      guard: GUARD.profile,
    });
  }
  return items;
}
