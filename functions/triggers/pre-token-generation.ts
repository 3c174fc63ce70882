// Cognito pre-token-generation trigger (V1): puts organisationId, role, username and userId into the ID token,
// read from the user's current ACTIVE membership in DynamoDB — never from attributes a user can write.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { db, TABLE } from '#adapters/dynamodb';
import { logger } from '#core/logger';
import { membershipFromItem, membershipKey } from '#domain/membership';
import { userFromItem, userKey } from '#domain/user';

export class NoActiveMembershipError extends Error {
  override name = 'NoActiveMembershipError';
}

export async function handler(event: PreTokenGenerationTriggerEvent): Promise<PreTokenGenerationTriggerEvent> {
  const userId = event.request.userAttributes.sub;
  if (!userId) throw new NoActiveMembershipError('The user has no sub');
  const profile = await db.send(new GetCommand({ TableName: TABLE, Key: userKey(userId), ConsistentRead: true }));
  const organisationId = profile.Item ? userFromItem(profile.Item).currentOrganisationId : undefined;
  const memberItem = organisationId
    ? (await db.send(new GetCommand({ TableName: TABLE, Key: membershipKey(organisationId, userId), ConsistentRead: true }))).Item
    : undefined;
  const membership = memberItem ? membershipFromItem(memberItem) : undefined;
  if (!organisationId || !membership || membership.status !== 'ACTIVE') {
    // Refusing here makes Cognito refuse the sign-in: no token without an active membership.
    logger.warn('token refused: no active membership', { userId, trigger: event.triggerSource });
    throw new NoActiveMembershipError('No active membership');
  }
  event.response = {
    claimsOverrideDetails: {
      claimsToAddOrOverride: {
        organisationId,
        role: membership.role,
        username: membership.username,
        userId,
      },
    },
  };
  return event;
}
