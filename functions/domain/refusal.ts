// The vocabulary of refusals: every reason Cabinet turns a request down has a stable name. Clients and tests branch
// on the name (its problem type is `urn:cabinet:problem:<name>`), never on the English detail. Repositories,
// adapters and use cases throw a Refusal; functions/http/problems.ts alone maps each name to a status and a title.

/** One failing rule of one field: `path` is the field (dotted for nested ones), `message` the rule it breaks. */
export interface FieldError {
  path: string;
  message: string;
}

export type RefusalName =
  // The request itself
  | 'validation-error'
  | 'malformed-json'
  | 'missing-body'
  | 'unsupported-media-type'
  | 'payload-too-large'
  | 'invalid-cursor'
  | 'route-not-found'
  | 'file-not-found'
  | 'method-not-allowed'
  | 'too-many-requests'
  | 'not-ready'
  | 'internal-error'
  // Who is calling
  | 'missing-token'
  | 'invalid-token'
  | 'token-revoked'
  | 'no-organisation-selected'
  | 'mfa-required'
  | 'membership-inactive'
  | 'organisation-suspended'
  | 'organisation-being-deleted'
  | 'permission-denied'
  | 'privileges-changed'
  | 'super-admin-only'
  | 'account-not-found'
  | 'profile-not-found'
  | 'profile-required'
  // Signing in
  | 'invalid-credentials'
  | 'invalid-mfa-code'
  | 'invalid-refresh-token'
  | 'refresh-token-not-yours'
  | 'unsupported-challenge'
  // Accounts
  | 'username-taken'
  | 'email-taken'
  | 'password-policy'
  | 'verification-link-not-found'
  | 'verification-link-used'
  | 'verification-link-expired'
  | 'verification-link-superseded'
  | 'no-email-address'
  | 'email-already-verified'
  | 'email-changed'
  | 'reset-link-not-found'
  | 'reset-link-used'
  | 'reset-link-expired'
  | 'still-last-admin'
  | 'mfa-already-enabled'
  | 'mfa-not-enabled'
  | 'mfa-enrolment-not-started'
  | 'mfa-code-mismatch'
  // Organisations
  | 'organisation-not-found'
  | 'organisation-name-taken'
  | 'license-number-taken'
  | 'organisation-changed'
  | 'organisation-inactive'
  | 'organisation-status-conflict'
  | 'max-users-below-members'
  | 'not-an-active-member'
  // Members and roles
  | 'member-not-found'
  | 'user-not-found'
  | 'organisation-full'
  | 'last-admin'
  | 'already-member'
  | 'membership-changed'
  | 'membership-awaiting-approval'
  | 'cannot-change-own-membership'
  | 'member-above-caller'
  | 'role-above-caller'
  | 'unknown-role'
  | 'role-not-grantable-by-code'
  | 'built-in-role'
  | 'role-not-found'
  | 'role-exists'
  | 'role-changed'
  // Webhooks
  | 'webhook-not-found'
  | 'webhook-limit-reached'
  | 'webhook-changed'
  | 'role-in-use'
  // Invitations
  | 'invitation-not-found'
  | 'invitation-not-pending'
  | 'invitation-used'
  | 'invitation-revoked'
  | 'invitation-declined'
  | 'invitation-expired'
  | 'invitation-role-removed'
  | 'invitation-for-another-address'
  | 'invitation-account-exists'
  | 'email-not-verified'
  | 'invitation-organisation-inactive'
  // Join requests
  | 'join-request-not-found'
  | 'join-request-not-pending'
  | 'join-request-membership-gone'
  | 'join-request-exists'
  // Patients and support access
  | 'patient-not-found'
  | 'support-access-not-granted'
  | 'no-active-support-access'
  // Concurrency and retries
  | 'transaction-conflict'
  | 'idempotency-key-reused'
  | 'idempotency-request-in-progress'
  | 'idempotency-result-gone';

export interface RefusalDetails {
  /** The fields at fault and the rule each breaks (validation-style refusals). */
  fields?: FieldError[];
  /** How long to wait before trying again (rate limits, start-up). */
  retryAfterSeconds?: number;
  /** The methods a path does accept (method-not-allowed). */
  allowedMethods?: string[];
}

/** A request turned down for a named reason; `message` is the human detail, `cause` what led to it (never shown). */
export class Refusal extends Error {
  constructor(
    readonly refusal: RefusalName,
    detail: string,
    readonly details: RefusalDetails = {},
    options?: ErrorOptions,
  ) {
    super(detail, options);
    this.name = 'Refusal';
  }
}

export const isRefusal = (error: unknown, ...names: RefusalName[]): error is Refusal =>
  error instanceof Refusal && (names.length === 0 || names.includes(error.refusal));

/** The request's fields break rules: 400 validation-error listing each failing rule. */
export const invalidFields = (fields: FieldError[], detail = 'The request has invalid fields.'): Refusal =>
  new Refusal('validation-error', detail, { fields });
