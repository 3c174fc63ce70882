// Cognito pre-token-generation trigger (V1): puts organisationId, role, username and userId into the ID token,
// read from the user's ACTIVE membership in DynamoDB — never from attributes a user can write. The user's
// current organisation is preferred; if it is no longer ACTIVE, another ACTIVE membership is used.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { batchGet, db, findItem, TABLE } from '#adapters/dynamodb';
import { coldStartOf, withLogContext } from '#core/log-context';
import { logger } from '#core/logger';
import { emitMetric } from '#core/metrics';
import { membershipFromItem, membershipKey } from '#domain/membership';
import { superAdminKey } from '#domain/platform';
import { userFromItem, userKey } from '#domain/user';
import { listUserMemberships } from '#repositories/users';

/** Message prefixes adapters/cognito.ts (signInFailure) recognises in Cognito's wrapped trigger error. */
export const TOKEN_REFUSAL = { pending: 'MEMBERSHIP_PENDING', none: 'NO_ACTIVE_MEMBERSHIP' } as const;

const get = async (key: { pk: string; sk: string }) =>
  (await db.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;

export function handler(event: PreTokenGenerationTriggerEvent, context?: Pick<Context, 'awsRequestId'>) {
  const logged = { function: 'pre-token-generation', route: event.triggerSource, coldStart: coldStartOf('pre-token-generation') };
  return withLogContext({ ...logged, ...(context ? { requestId: context.awsRequestId } : {}) }, () => claimsFor(event));
}

async function claimsFor(event: PreTokenGenerationTriggerEvent): Promise<PreTokenGenerationTriggerEvent> {
  const userId = event.request.userAttributes.sub;
  if (!userId) throw new Error(TOKEN_REFUSAL.none);
  // The profile (which organisation is current) and the super-admin marker in one strongly consistent read.
  const profileKey = userKey(userId);
  const markerKey = superAdminKey(userId);
  const items = await batchGet([profileKey, markerKey], { consistent: true });
  const profileItem = findItem(items, profileKey);
  const superAdminItem = findItem(items, markerKey);
  const current = profileItem ? userFromItem(profileItem).currentOrganisationId : undefined;
  const currentItem = current ? await get(membershipKey(current, userId)) : undefined;
  let membership = currentItem ? membershipFromItem(currentItem) : undefined;
  let pending = membership?.status === 'PENDING';
  if (membership?.status !== 'ACTIVE') {
    // GSI reads are eventually consistent: good enough for this fallback, the current one is read strongly.
    const all = await listUserMemberships(userId);
    membership = all.find((m) => m.status === 'ACTIVE');
    pending ||= all.some((m) => m.status === 'PENDING');
  }
  const claims: Record<string, string> = { userId, username: event.userName };
  if (superAdminItem) claims.platformRole = 'SUPER_ADMIN';
  if (membership) {
    Object.assign(claims, { organisationId: membership.organisationId, role: membership.role, username: membership.username });
  } else if (!superAdminItem) {
    // Refusing here makes Cognito refuse the sign-in: no token without an active membership.
    logger.warn('token refused: no active membership', { userId, pending, trigger: event.triggerSource });
    emitMetric('triggerRefusals', 1, { reason: pending ? 'pending' : 'no-active-membership' });
    throw new Error(pending ? TOKEN_REFUSAL.pending : TOKEN_REFUSAL.none);
  }
  event.response = { claimsOverrideDetails: { claimsToAddOrOverride: claims } };
  return event;
}
