// Cognito pre-token-generation trigger (V1): puts organisationId, role, username and userId into the ID token, read
// from DynamoDB, never from attributes a user can write. The organisation is the one the person chose (their
// profile's current organisation), and only while that membership is ACTIVE: otherwise the token carries no
// organisation (user routes work, member routes answer 403 no-organisation-selected). No other membership is ever
// substituted: the token never lands a person in an organisation they did not choose. Every token also gets
// issuedAtMs, its issuance in milliseconds, which session revocation compares (domain/session.ts). Before any of that,
// the app client and the flow must be a pair the API expects (domain/token-flows.ts): otherwise no token at all.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { appClientName } from '#adapters/app-clients';
import { batchGet, db, findItem, TABLE } from '#adapters/dynamodb';
import { coldStartOf, withLogContext } from '#core/log-context';
import { logger } from '#core/logger';
import { membershipFromItem, membershipKey } from '#domain/membership';
import { superAdminKey } from '#domain/platform';
import { issuanceStamp } from '#domain/session';
import { tokenFlowAllowed } from '#domain/token-flows';
import { userFromItem, userKey } from '#domain/user';

const get = async (key: { pk: string; sk: string }) =>
  (await db.send(new GetCommand({ TableName: TABLE, Key: key, ConsistentRead: true }))).Item;

export function handler(event: PreTokenGenerationTriggerEvent, context?: Pick<Context, 'awsRequestId'>) {
  const logged = { function: 'pre-token-generation', route: event.triggerSource, coldStart: coldStartOf('pre-token-generation') };
  return withLogContext({ ...logged, ...(context ? { requestId: context.awsRequestId } : {}) }, () => claimsFor(event));
}

async function claimsFor(event: PreTokenGenerationTriggerEvent): Promise<PreTokenGenerationTriggerEvent> {
  const userId = event.request.userAttributes.sub;
  if (!userId) throw new Error('The event carries no sub');
  // The profile (which organisation is current, revocation) and the super-admin marker in one strongly consistent read.
  const profileKey = userKey(userId);
  const markerKey = superAdminKey(userId);
  const clientId = event.callerContext?.clientId;
  // The client's name (cached per container) and the profile are read side by side: the check adds no latency.
  const [client, items] = await Promise.all([
    clientId ? appClientName(event.userPoolId, clientId) : Promise.resolve(undefined),
    batchGet([profileKey, markerKey], { consistent: true }),
  ]);
  if (!tokenFlowAllowed(client, event.triggerSource)) {
    logger.warn('token generation refused: unexpected app client and flow', { client: client ?? 'unknown', flow: event.triggerSource });
    // Cognito answers the sign-in with this message (UserLambdaValidationException) and issues no token.
    throw new Error(`No tokens for ${client ? `the ${client} app client` : 'this app client'} through ${event.triggerSource}`);
  }
  const profileItem = findItem(items, profileKey);
  // A Cognito user without a profile is an account still being created, or whose deletion is finishing: its token
  // names nobody's organisation, and the sign-in routes answer it like a wrong password (they need the profile).
  const profile = profileItem ? userFromItem(profileItem) : undefined;
  const current = profile?.currentOrganisationId;
  const currentItem = current ? await get(membershipKey(current, userId)) : undefined;
  const membership = currentItem ? membershipFromItem(currentItem) : undefined;
  const claims: Record<string, string> = {
    userId,
    username: event.userName,
    issuedAtMs: String(issuanceStamp(Date.now(), profile?.tokensValidAfter)),
  };
  if (findItem(items, markerKey)) claims.platformRole = 'SUPER_ADMIN';
  if (membership?.status === 'ACTIVE') {
    Object.assign(claims, { organisationId: membership.organisationId, role: membership.role, username: membership.username });
  }
  event.response = { claimsOverrideDetails: { claimsToAddOrOverride: claims } };
  return event;
}
