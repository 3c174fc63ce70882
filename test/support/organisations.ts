// Helpers for the organisation, switching, audit and support-access tests: people are added through the API
// (POST …/members), then signed in; the emulators are read only for what a client cannot see.
import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { api, PASSWORD, type registerCabinet, stack, unique } from './api.ts';
import { cognito } from './emulators.ts';

export type Cabinet = Awaited<ReturnType<typeof registerCabinet>>;

export interface Session {
  token: string;
  refreshToken: string;
  user: { id: string; username: string; role: string; organisationId: string };
  organisation: { id: string; nom: string; code?: string };
}

export async function signIn(username: string, password = PASSWORD): Promise<Session> {
  const response = await api('POST', '/api/auth/login', { body: { username, password } });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${response.text}`);
  return response.body as Session;
}

/** Creates a new account with `role` in the admin's organisation (through the API) and signs it in. */
export async function addNewMember(admin: { token: string; organisation: { id: string } }, role: string): Promise<Session> {
  const username = unique('agent');
  const response = await api('POST', `/api/organisations/${admin.organisation.id}/members`, {
    token: admin.token,
    body: { username, password: PASSWORD, confirmPassword: PASSWORD, nom: 'Agent', prenom: 'Test', role },
  });
  if (response.status !== 201) throw new Error(`add member failed: ${response.status} ${response.text}`);
  return signIn(username);
}

/**
 * Brings an existing account into the admin's organisation with `role` the only way there is: the admin invites it
 * by username (202), and the account accepts from its inbox (its token stays on its current organisation).
 */
export async function addExistingUser(
  admin: { token: string; organisation: { id: string } },
  invitee: { token: string; user: { username: string } },
  role: string,
): Promise<void> {
  const invited = await api('POST', `/api/organisations/${admin.organisation.id}/members`, {
    token: admin.token,
    body: { username: invitee.user.username, role },
  });
  if (invited.status !== 202) throw new Error(`invite failed: ${invited.status} ${invited.text}`);
  const accepted = await api('POST', `/api/auth/invitations/${invited.body.invitation.id}/accept`, { token: invitee.token });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${accepted.text}`);
}

/** POST /api/organisations as `token`, expecting 201; returns the organisation. */
export async function createOrganisation(token: string, body: Record<string, unknown> = {}) {
  const response = await api('POST', '/api/organisations', { token, body: { organisationName: unique('Organisation'), ...body } });
  if (response.status !== 201) throw new Error(`create organisation failed: ${response.status} ${response.text}`);
  return response.body.organisation as { id: string; nom: string; slug: string; code: string };
}

/** POST /api/auth/switch-organisation, expecting 200; returns the session for that organisation. */
export async function switchTo(session: { token: string; refreshToken: string }, organisationId: string) {
  const response = await api('POST', '/api/auth/switch-organisation', {
    token: session.token,
    body: { organisationId, refreshToken: session.refreshToken },
  });
  if (response.status !== 200) throw new Error(`switch failed: ${response.status} ${response.text}`);
  return {
    ...(response.body as { token: string; user: Session['user']; organisation: Session['organisation'] }),
    refreshToken: session.refreshToken,
  };
}

/** Whether the Cognito user is enabled (AdminGetUser), as the user pool sees it. */
export async function cognitoEnabled(username: string): Promise<boolean | undefined> {
  const user = await cognito().send(new AdminGetUserCommand({ UserPoolId: stack().userPoolId, Username: username }));
  return user.Enabled;
}
