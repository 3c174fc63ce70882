// The one place a refusal becomes an HTTP answer: each name of the vocabulary (domain/refusal.ts) has its status and
// a stable title; its problem type is `urn:cabinet:problem:<name>`. The detail says what happened this time.
import type { RefusalName } from '#domain/refusal';

export interface ProblemDef {
  status: number;
  title: string;
}

export const PROBLEMS = {
  'validation-error': { status: 400, title: 'Invalid request' },
  'malformed-json': { status: 400, title: 'Malformed JSON body' },
  'missing-body': { status: 400, title: 'Missing request body' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'invalid-cursor': { status: 400, title: 'Invalid cursor' },
  'route-not-found': { status: 404, title: 'No such route' },
  'file-not-found': { status: 404, title: 'No such file' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'too-many-requests': { status: 429, title: 'Too many requests' },
  'not-ready': { status: 503, title: 'Service starting' },
  'internal-error': { status: 500, title: 'Internal server error' },

  'missing-token': { status: 401, title: 'Bearer token required' },
  'invalid-token': { status: 401, title: 'Invalid or expired token' },
  'token-revoked': { status: 401, title: 'Token revoked' },
  // 403, not 401: the token is valid and a new one would not help; the person has to choose (switch, join, create).
  'no-organisation-selected': { status: 403, title: 'No organisation selected' },
  'mfa-required': { status: 403, title: 'MFA required' },
  'membership-inactive': { status: 401, title: 'Membership no longer active' },
  'organisation-suspended': { status: 403, title: 'Organisation suspended' },
  'organisation-being-deleted': { status: 403, title: 'Organisation being deleted' },
  'permission-denied': { status: 403, title: 'Permission denied' },
  'privileges-changed': { status: 403, title: 'Privileges changed' },
  'super-admin-only': { status: 403, title: 'Platform super-admins only' },
  'account-not-found': { status: 401, title: 'Account no longer exists' },
  'profile-not-found': { status: 404, title: 'User profile not found' },
  'profile-required': { status: 403, title: 'User profile required' },

  'invalid-credentials': { status: 401, title: 'Invalid credentials' },
  'invalid-mfa-code': { status: 401, title: 'Invalid MFA code or session' },
  'invalid-refresh-token': { status: 401, title: 'Invalid refresh token' },
  'refresh-token-not-yours': { status: 401, title: 'Refresh token of another user' },
  'unsupported-challenge': { status: 403, title: 'Sign-in step not offered by the API' },

  'username-taken': { status: 409, title: 'Username taken' },
  'email-taken': { status: 409, title: 'Email already registered' },
  'password-policy': { status: 400, title: 'Password policy not met' },
  'verification-link-not-found': { status: 404, title: 'Unknown verification link' },
  'verification-link-used': { status: 410, title: 'Verification link already used' },
  'verification-link-expired': { status: 410, title: 'Verification link expired' },
  'verification-link-superseded': { status: 410, title: 'Verification link for a former address' },
  'no-email-address': { status: 409, title: 'No e-mail address' },
  'email-already-verified': { status: 409, title: 'E-mail address already verified' },
  'email-changed': { status: 409, title: 'E-mail address changed meanwhile' },
  'reset-link-not-found': { status: 404, title: 'Unknown password reset link' },
  'reset-link-used': { status: 410, title: 'Password reset link already used' },
  'reset-link-expired': { status: 410, title: 'Password reset link expired' },
  'still-last-admin': { status: 409, title: 'Still the last admin of an organisation' },
  'mfa-already-enabled': { status: 409, title: 'MFA already on' },
  'mfa-not-enabled': { status: 409, title: 'MFA not on' },
  'mfa-enrolment-not-started': { status: 409, title: 'MFA enrolment not started' },
  'mfa-code-mismatch': { status: 400, title: 'Wrong authenticator code' },

  'organisation-not-found': { status: 404, title: 'Organisation not found' },
  'organisation-name-taken': { status: 409, title: 'Organisation name taken' },
  'license-number-taken': { status: 409, title: 'License number taken' },
  'organisation-changed': { status: 409, title: 'Organisation changed meanwhile' },
  'organisation-inactive': { status: 403, title: 'Organisation not active' },
  'organisation-status-conflict': { status: 409, title: 'Organisation status conflict' },
  'max-users-below-members': { status: 409, title: 'maxUsers below the member count' },
  'not-an-active-member': { status: 403, title: 'Not an active member' },

  'member-not-found': { status: 404, title: 'Member not found' },
  'user-not-found': { status: 404, title: 'User not found' },
  'organisation-full': { status: 409, title: 'Organisation full' },
  'last-admin': { status: 409, title: 'Last admin' },
  'already-member': { status: 409, title: 'Already a member' },
  'membership-changed': { status: 409, title: 'Membership changed meanwhile' },
  'membership-awaiting-approval': { status: 409, title: 'Pending membership cannot be changed' },
  'cannot-change-own-membership': { status: 403, title: 'Own membership' },
  'member-above-caller': { status: 403, title: 'Member above your permissions' },
  'role-above-caller': { status: 403, title: 'Role above your permissions' },
  'unknown-role': { status: 400, title: 'Unknown role' },
  'role-not-grantable-by-code': { status: 400, title: 'Role too powerful for a join code' },
  'built-in-role': { status: 400, title: 'Built-in role' },
  'role-not-found': { status: 404, title: 'Role not found' },
  'role-exists': { status: 409, title: 'Role already exists' },
  'role-changed': { status: 409, title: 'Role changed meanwhile' },
  'webhook-not-found': { status: 404, title: 'Webhook endpoint not found' },
  'webhook-limit-reached': { status: 409, title: 'Webhook endpoint limit reached' },
  'webhook-changed': { status: 409, title: 'Webhook endpoint changed meanwhile' },
  'role-in-use': { status: 409, title: 'Role in use' },

  'invitation-not-found': { status: 404, title: 'Invitation not found' },
  'invitation-not-pending': { status: 409, title: 'Invitation no longer pending' },
  'invitation-used': { status: 410, title: 'Invitation already used' },
  'invitation-revoked': { status: 410, title: 'Invitation revoked' },
  'invitation-declined': { status: 410, title: 'Invitation declined' },
  'invitation-expired': { status: 410, title: 'Invitation expired' },
  'invitation-role-removed': { status: 410, title: 'Invitation role removed' },
  'invitation-for-another-address': { status: 403, title: 'Invitation for another address' },
  'invitation-account-exists': { status: 409, title: 'Account exists for the invited address' },
  'email-not-verified': { status: 403, title: 'E-mail address not verified' },
  'invitation-organisation-inactive': { status: 403, title: 'Inviting organisation not active' },

  'join-request-not-found': { status: 404, title: 'Join request not found' },
  'join-request-not-pending': { status: 409, title: 'Join request no longer pending' },
  'join-request-membership-gone': { status: 409, title: 'Pending membership gone' },
  'join-request-exists': { status: 409, title: 'Already asked to join' },

  'patient-not-found': { status: 404, title: 'Patient not found' },
  'support-access-not-granted': { status: 403, title: 'Support access not granted' },
  'no-active-support-access': { status: 404, title: 'No active support access' },

  'transaction-conflict': { status: 409, title: 'Concurrent change' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency key reused with another request' },
  'idempotency-request-in-progress': { status: 409, title: 'Request with this idempotency key in progress' },
  'idempotency-result-gone': { status: 410, title: 'The original result is gone' },
} as const satisfies Record<RefusalName, ProblemDef>;

export const PROBLEM_TYPE_PREFIX = 'urn:cabinet:problem:';

export const problemType = (name: RefusalName): string => `${PROBLEM_TYPE_PREFIX}${name}`;

export const statusOf = (name: RefusalName): number => PROBLEMS[name].status;
