// A person's own account: signing out, passwords, the profile, MFA, and deleting the account.

import { route } from '#http/route';
import {
  changePasswordBody,
  deleteAccountBody,
  disableTotpBody,
  forgotPasswordBody,
  forgotPasswordResponse,
  meResponse,
  mfaStatusResponse,
  resetPasswordBody,
  sessionListResponse,
  sessionParams,
  startTotpBody,
  totpEnrolmentResponse,
  updateProfileBody,
  verifyTotpBody,
} from '#schemas/account';
import { loginResponse, logoutBody } from '#schemas/auth';
import * as accountDeletion from '#use-cases/account-deletion';
import * as deviceSessions from '#use-cases/device-sessions';
import * as mfa from '#use-cases/mfa';
import * as passwords from '#use-cases/passwords';
import * as profile from '#use-cases/profile';
import * as signOut from '#use-cases/sign-out';

export const logout = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/logout',
  function: 'sessions',
  auth: 'user',
  tag: 'Account',
  summary:
    'Sign out: the refresh token is revoked and the ID tokens issued through its session (and this one) are refused within 5 s; everywhere: true signs out every session of the person',
  body: logoutBody,
  // RevokeToken goes through the refresh token's own client (the api client proves itself with its secret).
  access: { table: 'readWrite', signIn: true, cognito: ['cognito-idp:AdminUserGlobalSignOut'] },
  responses: { 204: { description: 'Signed out' } },
  problems: ['refresh-token-not-yours', 'account-not-found'],
  handle: async ({ body }, caller) => {
    await signOut.logout(caller, body.refreshToken, body.everywhere === true);
    return { status: 204 };
  },
});

export const listSessions = /* @__PURE__ */ route({
  method: 'GET',
  path: '/api/auth/sessions',
  function: 'member-read',
  auth: 'user',
  tag: 'Account',
  summary:
    "The signed-in person's sessions, one per device, newest first: when each began and was last used, the device it began from, and which one is this request's",
  access: { table: 'read' },
  responses: { 200: { description: 'The sessions that can still refresh', schema: sessionListResponse } },
  problems: ['account-not-found'],
  handle: async (_input, caller) => ({ status: 200, body: await deviceSessions.listDeviceSessions(caller) }),
});

export const endSession = /* @__PURE__ */ route({
  method: 'DELETE',
  path: '/api/auth/sessions/{sessionId}',
  function: 'member-write',
  auth: 'user',
  tag: 'Account',
  summary:
    "End one session (a device): its refresh token is refused and the ID tokens issued through it within 5 s; another person's session answers 404",
  params: sessionParams,
  access: { table: 'readWrite' },
  responses: { 204: { description: 'Ended' } },
  problems: ['session-not-found', 'account-not-found'],
  handle: async ({ params }, caller) => {
    await deviceSessions.endDeviceSession(caller, params.sessionId);
    return { status: 204 };
  },
});

export const changePassword = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/password',
  function: 'sessions',
  auth: 'user',
  tag: 'Account',
  summary:
    'Change the password (the current one proven): every token issued before is refused, and a new session is answered (or the TOTP challenge, with MFA on)',
  body: changePasswordBody,
  access: {
    table: 'readWrite',
    signIn: true,
    cognito: ['cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminUserGlobalSignOut'],
  },
  responses: { 200: { description: 'Password changed: a new session, as /api/auth/login answers', schema: loginResponse } },
  problems: ['invalid-credentials', 'password-policy', 'account-not-found', 'unsupported-challenge', 'too-many-requests'],
  handle: async ({ body, client }, caller) => ({
    status: 200,
    body: await passwords.changePassword(caller, body, client),
  }),
});

export const forgotPassword = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/forgot-password',
  function: 'sessions',
  auth: 'public',
  tag: 'Account',
  summary:
    "Ask for a password reset link (by username or verified e-mail): 202 with the same body whether or not an account matches; the single-use link (valid 1 hour) goes to the account's verified address",
  body: forgotPasswordBody,
  throttle: 'passwordReset',
  access: { table: 'readWrite', email: true },
  responses: { 202: { description: 'Accepted (whatever the account)', schema: forgotPasswordResponse } },
  problems: ['too-many-requests'],
  handle: async ({ body, client }) => ({
    status: 202,
    body: await passwords.forgotPassword(body.username, client),
  }),
});

export const resetPassword = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/reset-password',
  function: 'sessions',
  auth: 'public',
  tag: 'Account',
  summary:
    "Set a new password with a reset link's token (single use, 1 hour), or a first password with a set-password link's (72 h: it also proves the address it was sent to); every earlier token of the person is refused",
  body: resetPasswordBody,
  throttle: 'passwordReset',
  access: {
    table: 'readWrite',
    // AdminUpdateUserAttributes: a set-password link proves the address, and Cognito's copy follows.
    cognito: ['cognito-idp:AdminSetUserPassword', 'cognito-idp:AdminUserGlobalSignOut', 'cognito-idp:AdminUpdateUserAttributes'],
  },
  responses: { 204: { description: 'Password set' } },
  problems: ['reset-link-not-found', 'reset-link-used', 'reset-link-expired', 'password-policy', 'email-taken', 'too-many-requests'],
  handle: async ({ body, client }) => {
    await passwords.resetPassword(body.token, body.newPassword, client);
    return { status: 204 };
  },
});

export const updateMe = /* @__PURE__ */ route({
  method: 'PATCH',
  path: '/api/auth/me',
  function: 'account-admin',
  auth: 'user',
  tag: 'Account',
  summary:
    'Change profile fields (nom, prenom or fullName, email, phone, avatarUrl, dateOfBirth, gender, location, bio, specialization, locale; null clears one). A new email starts verification over; role, organisationId, id and username are refused',
  body: updateProfileBody,
  // Cognito keeps a copy of the address (AdminUpdateUserAttributes); a new one gets its verification link.
  access: { table: 'readWrite', cognito: ['cognito-idp:AdminUpdateUserAttributes'], email: true },
  responses: { 200: { description: 'The updated profile, as GET /api/auth/me answers', schema: meResponse } },
  problems: ['profile-not-found', 'email-changed'],
  handle: async ({ body }, caller) => ({ status: 200, body: await profile.updateMe(caller, body) }),
});

export const deleteMe = /* @__PURE__ */ route({
  method: 'DELETE',
  path: '/api/auth/me',
  function: 'sessions',
  auth: 'user',
  tag: 'Account',
  summary:
    'Delete the account (password re-confirmed): memberships removed (audited in each organisation), profile and guards removed, the Cognito user deleted; refused while the person is the last ACTIVE ADMIN of an organisation. Repeat to resume an interrupted deletion',
  body: deleteAccountBody,
  access: {
    table: 'readWrite',
    signIn: true,
    // Deleting the Cognito user ends every one of its sessions in Cognito too.
    cognito: ['cognito-idp:AdminDeleteUser'],
  },
  responses: { 204: { description: 'Deleted' } },
  problems: ['invalid-credentials', 'still-last-admin', 'unsupported-challenge', 'too-many-requests'],
  handle: async ({ body, client }, caller) => {
    await accountDeletion.deleteAccount(caller, body.password, client);
    return { status: 204 };
  },
});

export const startTotp = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/mfa/totp',
  function: 'sessions',
  auth: 'user',
  tag: 'Account',
  summary: 'Start TOTP MFA enrolment (password re-confirmed): the shared secret and its otpauth:// URI for an authenticator app',
  body: startTotpBody,
  access: { table: 'read', signIn: true },
  responses: { 200: { description: 'The secret to give the authenticator app', schema: totpEnrolmentResponse } },
  problems: ['invalid-credentials', 'mfa-already-enabled', 'account-not-found', 'too-many-requests'],
  handle: async ({ body, client }, caller) => ({
    status: 200,
    body: await mfa.startTotp(caller, body.password, client),
  }),
});

export const verifyTotp = /* @__PURE__ */ route({
  method: 'POST',
  path: '/api/auth/mfa/totp/verify',
  function: 'sessions',
  auth: 'user',
  tag: 'Account',
  summary:
    'Turn TOTP MFA on with a code of the authenticator (password re-confirmed): every later sign-in asks for a code, and every other session of the account ends',
  body: verifyTotpBody,
  access: { table: 'readWrite', signIn: true },
  responses: { 200: { description: 'MFA is on', schema: mfaStatusResponse } },
  problems: [
    'invalid-credentials',
    'mfa-already-enabled',
    'mfa-enrolment-not-started',
    'mfa-code-mismatch',
    'mfa-code-used',
    'account-not-found',
    'too-many-requests',
  ],
  handle: async ({ body, client }, caller) => ({
    status: 200,
    body: await mfa.enableTotp(caller, body.password, body.code, client),
  }),
});

export const disableTotp = /* @__PURE__ */ route({
  method: 'DELETE',
  path: '/api/auth/mfa/totp',
  function: 'sessions',
  auth: 'user',
  tag: 'Account',
  summary: 'Turn TOTP MFA off (password and a current code re-confirmed)',
  body: disableTotpBody,
  access: { table: 'readWrite', signIn: true },
  responses: { 200: { description: 'MFA is off', schema: mfaStatusResponse } },
  problems: ['invalid-credentials', 'mfa-not-enabled', 'mfa-code-mismatch', 'mfa-code-used', 'account-not-found', 'too-many-requests'],
  handle: async ({ body, client }, caller) => ({
    status: 200,
    body: await mfa.disableTotp(caller, body.password, body.code, client),
  }),
});
