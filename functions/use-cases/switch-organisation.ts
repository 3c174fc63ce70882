// Switching organisation: the user's next tokens are pointed at another organisation they are an ACTIVE member
// of, and a fresh ID token for it is obtained with the caller's refresh token (the pre-token trigger reads the
// membership, so the organisation and role in the token come from DynamoDB, never from the request).
import { refreshTokens } from '#adapters/cognito';
import { permissionsOf } from '#domain/permissions';
import type { VerifiedUser } from '#domain/principal';
import { Refusal } from '#domain/refusal';
import { getMembershipAccess } from '#repositories/organisations';
import { getUser, setCurrentOrganisation } from '#repositories/users';
import { organisationSummary, userView } from './views.ts';

// One answer for an unknown organisation, a foreign one, a pending/suspended membership or a suspended organisation.
const notAMember = () => new Refusal('not-an-active-member', 'You are not an active member of this organisation.');

const payloadOf = (token: string) =>
  // The token comes straight from Cognito in this request: reading its claims needs no verification.
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: string; organisationId?: string };

export async function switchOrganisation(caller: VerifiedUser, organisationId: string, refreshToken: string) {
  const access = await getMembershipAccess(organisationId, caller.userId);
  const { organisation, membership } = access;
  if (organisation?.status !== 'ACTIVE' || membership?.status !== 'ACTIVE') throw notAMember();
  await setCurrentOrganisation(caller.userId, organisationId);
  const tokens = await refreshTokens(refreshToken, caller.username);
  const claims = payloadOf(tokens.token);
  if (claims.sub !== caller.userId)
    throw new Refusal('refresh-token-not-yours', 'The refresh token does not belong to the signed-in user.');
  // The trigger falls back to another membership if this one stopped being ACTIVE in between.
  if (claims.organisationId !== organisationId) throw notAMember();
  const user = await getUser(caller.userId);
  if (!user) throw new Refusal('account-not-found', 'The user no longer exists.');
  return {
    token: tokens.token,
    expiresIn: tokens.expiresIn,
    user: userView(user, organisationId, membership.role),
    organisation: organisationSummary(organisation, permissionsOf(membership.role, access.customPermissions)),
  };
}
