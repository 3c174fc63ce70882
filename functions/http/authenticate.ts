// Authentication and authorisation for 'member' routes: a verified ID token, then a live ACTIVE membership
// read from DynamoDB (so removals and role changes apply within seconds), then the route's permission.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { type IdTokenClaims, verifyIdToken } from '#adapters/jwt';
import { logger } from '#core/logger';
import { actingOrRefuse, standingIn } from '#domain/acting';
import { permissionsOf } from '#domain/permissions';
import { type VerifiedUser, verifiedUser } from '#domain/principal';
import * as refusals from '#domain/refusals';
import { isRevoked, type TokenGate } from '#domain/session';
import { type TenantContext, verifiedTenant } from '#domain/tenant';
import { getAccess, getTokenGate, isSuperAdmin } from '#repositories/access';

const BEARER = /^Bearer ([A-Za-z0-9_.~+/=-]+)$/i;

async function verifiedClaims(event: APIGatewayProxyEventV2): Promise<IdTokenClaims> {
  const match = BEARER.exec(event.headers?.authorization ?? '');
  if (!match?.[1]) throw refusals.missingToken();
  try {
    return await verifyIdToken(match[1]);
  } catch (error) {
    // The caller learns only "invalid or expired"; the log says which check failed (never the token itself).
    logger.warn('token refused', { reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    throw refusals.invalidToken({ cause: error });
  }
}

/** A signed-out session's token, or one issued before a sign-out everywhere or a password change: 401. */
function refuseRevoked(claims: IdTokenClaims, gate: TokenGate): void {
  if (isRevoked(claims, gate)) {
    throw refusals.tokenRevoked();
  }
}

/**
 * 'member' routes: a verified ID token, not revoked, and an ACTIVE membership of an ACTIVE organisation, whose MFA
 * rule the caller meets (the route checks its permission). Membership, organisation and profile are one cached read.
 */
export async function authenticate(event: APIGatewayProxyEventV2): Promise<TenantContext> {
  const claims = await verifiedClaims(event);
  const organisationId = claims.organisationId;
  if (typeof organisationId !== 'string' || !organisationId) {
    throw refusals.noOrganisationSelected();
  }
  const access = await getAccess(organisationId, claims.sub);
  if (access?.membership.status !== 'ACTIVE') throw refusals.membershipInactive();
  refuseRevoked(claims, access.gate);
  if (access.organisationStatus === 'DELETING') throw refusals.organisationBeingDeleted();
  if (access.organisationStatus !== 'ACTIVE') throw refusals.organisationSuspended();
  const { membership } = access;
  // The one rule (domain/acting.ts): MFA where the organisation requires it, else 403 mfa-required.
  const permissions = actingOrRefuse(
    standingIn({ mfaRequired: access.mfaRequired }, access.gate, membership.status, permissionsOf(membership.role, access.permissions)),
  );
  const tenant = verifiedTenant({
    organisationId,
    userId: claims.sub,
    username: membership.username,
    role: membership.role,
    permissions,
    ...(access.roleVersion ? { roleVersion: access.roleVersion } : {}),
  });
  return tenant;
}

/** 'user' routes: a verified ID token, not revoked; the caller need not be a member of any organisation. */
export async function authenticateUser(event: APIGatewayProxyEventV2): Promise<VerifiedUser> {
  const claims = await verifiedClaims(event);
  const gate = await getTokenGate(claims.sub);
  refuseRevoked(claims, gate);
  return verifiedUser({
    userId: claims.sub,
    mfaEnabled: gate.mfaEnabled,
    username: claims.username ?? claims['cognito:username'] ?? '',
    ...(claims.organisationId ? { tokenOrganisationId: claims.organisationId } : {}),
    clientId: claims.aud,
    ...(claims.jti ? { tokenId: claims.jti } : {}),
    tokenExpiresAt: claims.exp,
  });
}

/** 'optionalUser' routes: the verified caller when a bearer token is sent, undefined when none is. */
export async function authenticateOptionalUser(event: APIGatewayProxyEventV2): Promise<VerifiedUser | undefined> {
  return event.headers?.authorization ? authenticateUser(event) : undefined;
}

/** 'superAdmin' routes: a verified token whose subject is a platform super-admin in DynamoDB (not a claim). */
export async function authenticateSuperAdmin(event: APIGatewayProxyEventV2): Promise<VerifiedUser> {
  const user = await authenticateUser(event);
  if (!(await isSuperAdmin(user.userId))) throw refusals.superAdminOnly();
  return user;
}
