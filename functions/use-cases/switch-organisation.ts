// Switching organisation: the user's next tokens are pointed at another organisation they are an ACTIVE member of,
// and a fresh ID token for it is obtained with the caller's refresh token, through the caller's own app client (the
// api client, or the hosted login's public web client). The pre-token trigger reads the membership, so the
// organisation and role in the token come from DynamoDB, never from the request. Nothing changes unless the new
// token is issued: if the refresh fails, or its token does not name the organisation, the previous current
// organisation is restored (compensation, conditional on nobody having switched since). A crash between the two
// writes leaves the person pointed at an organisation they asked for and are an ACTIVE member of.
import { refreshTokens } from '#adapters/cognito';
import { actingOrRefuse, standingIn } from '#domain/acting';
import { permissionsOf } from '#domain/permissions';
import type { VerifiedUser } from '#domain/principal';
import * as refusals from '#domain/refusals';
import { hashRefreshToken } from '#domain/session';
import { getMembershipAccess } from '#repositories/organisations';
import { getSession } from '#repositories/sessions';
import { restoreCurrentOrganisation, setCurrentOrganisation } from '#repositories/users';
import { recordRefresh } from './signed-in.ts';
import { organisationSummary, userView } from './views.ts';

export async function switchOrganisation(caller: VerifiedUser, organisationId: string, refreshToken: string) {
  // The profile joins the membership's strongly consistent BatchGetItem.
  const access = await getMembershipAccess(organisationId, caller.userId, { withProfile: true });
  const { organisation, membership, user } = access;
  if (organisation?.status !== 'ACTIVE' || membership?.status !== 'ACTIVE') throw refusals.notAnActiveMember();
  if (!user) throw refusals.accountNotFound('user');
  // Switching into an organisation is acting with its membership: its MFA rule first, before anything changes.
  const permissions = actingOrRefuse(
    standingIn(organisation, user, membership.status, permissionsOf(membership.role, access.customPermissions)),
  );
  const hash = hashRefreshToken(refreshToken);
  const known = await getSession(hash);
  if (known && known.userId !== caller.userId) throw refusals.refreshTokenNotYours();
  if (known?.revokedAt) throw refusals.invalidRefreshToken('signedOut');
  const previous = user.currentOrganisationId;
  await setCurrentOrganisation(caller.userId, organisationId);
  let token: { token: string; expiresIn: number };
  try {
    token = await refreshTokens(refreshToken, caller.username, known?.clientId ?? caller.clientId);
    const claims = await recordRefresh(hash, known, token.token);
    if (claims.sub !== caller.userId) throw refusals.refreshTokenNotYours();
    // The membership stopped being ACTIVE in between: the trigger issued a token without it.
    if (claims.organisationId !== organisationId) throw refusals.notAnActiveMember();
  } catch (error) {
    await restoreCurrentOrganisation(caller.userId, organisationId, previous);
    throw error;
  }
  return {
    token: token.token,
    expiresIn: token.expiresIn,
    user: userView(user, organisationId, membership.role),
    organisation: organisationSummary(organisation, user, permissions),
  };
}
