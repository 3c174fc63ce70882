// The refusal catalogue: every reason Cabinet turns a request down, in one place. Each refusal has a stable name
// (its problem type is `urn:cabinet:problem:<name>`; clients and tests branch on it, never on the English detail),
// a status and a title (REFUSALS), one constructor that is the only way code builds it (`refusals.patientNotFound()`,
// with `import * as refusals from '#domain/refusals'`), and an example (REFUSAL_EXAMPLES, what the OpenAPI document
// shows). Repositories, adapters and use cases throw what a constructor returns; only functions/http turns it into
// problem+json (http/problem.ts), with the status and title written here.
//
// Each constructor is a separate export so that esbuild keeps in a function's bundle only the ones its code calls;
// the Refusal class is constructed in this file alone (.biome/refusal-catalogue.grit).

/** One failing rule of one field: `path` is the field (dotted for nested ones), `message` the rule it breaks. */
export interface FieldError {
  path: string;
  message: string;
}

/** What a refusal carries besides its name and detail, and how the HTTP answer shows it. */
export interface RefusalDetails {
  /** The fields at fault and the rule each breaks: the answer's `errors` member. */
  fields?: FieldError[];
  /** How long to wait before trying again: the `Retry-After` header (whole seconds). */
  retryAfterSeconds?: number;
  /** The methods a path does accept: the `Allow` header. */
  allowedMethods?: string[];
}

/** A refusal's entry: its HTTP status, a stable title, and what it carries beyond `detail` (RefusalDetails). */
export interface RefusalDef {
  status: number;
  title: string;
  carries?: readonly ('errors' | 'Retry-After' | 'Allow')[];
}

/** The vocabulary: each name with its status and title. The constructors below are in the same order. */
export const REFUSALS = {
  // The request itself
  'validation-error': { status: 400, title: 'Invalid request', carries: ['errors'] },
  'malformed-json': { status: 400, title: 'Malformed JSON body' },
  'missing-body': { status: 400, title: 'Missing request body' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'invalid-cursor': { status: 400, title: 'Invalid cursor' },
  'route-not-found': { status: 404, title: 'No such route' },
  'file-not-found': { status: 404, title: 'No such file' },
  'method-not-allowed': { status: 405, title: 'Method not allowed', carries: ['Allow'] },
  'too-many-requests': { status: 429, title: 'Too many requests', carries: ['Retry-After'] },
  'not-ready': { status: 503, title: 'Service starting', carries: ['Retry-After'] },
  'internal-error': { status: 500, title: 'Internal server error' },

  // Who is calling
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

  // Signing in
  'invalid-credentials': { status: 401, title: 'Invalid credentials' },
  'invalid-mfa-code': { status: 401, title: 'Invalid MFA code or session' },
  'invalid-refresh-token': { status: 401, title: 'Invalid refresh token' },
  'refresh-token-not-yours': { status: 401, title: 'Refresh token of another user' },
  'unsupported-challenge': { status: 403, title: 'Sign-in step not offered by the API' },

  // Accounts
  'username-taken': { status: 409, title: 'Username taken', carries: ['errors'] },
  'email-taken': { status: 409, title: 'Email already registered', carries: ['errors'] },
  'password-policy': { status: 400, title: 'Password policy not met', carries: ['errors'] },
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
  'mfa-code-mismatch': { status: 400, title: 'Wrong authenticator code', carries: ['errors'] },
  'mfa-code-used': { status: 400, title: 'Authenticator code already used', carries: ['errors'] },
  'session-not-found': { status: 404, title: 'Session not found' },

  // Organisations
  'organisation-not-found': { status: 404, title: 'Organisation not found' },
  'organisation-name-taken': { status: 409, title: 'Organisation name taken', carries: ['errors'] },
  'license-number-taken': { status: 409, title: 'License number taken', carries: ['errors'] },
  'temporary-code-taken': { status: 409, title: 'Temporary code taken', carries: ['errors'] },
  'organisation-changed': { status: 409, title: 'Organisation changed meanwhile' },
  'organisation-inactive': { status: 403, title: 'Organisation not active' },
  'organisation-status-conflict': { status: 409, title: 'Organisation status conflict' },
  'max-users-below-members': { status: 409, title: 'maxUsers below the member count', carries: ['errors'] },
  'not-an-active-member': { status: 403, title: 'Not an active member' },

  // Members and roles
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
  'unknown-role': { status: 400, title: 'Unknown role', carries: ['errors'] },
  'role-not-grantable-by-code': { status: 400, title: 'Role too powerful for a join code', carries: ['errors'] },
  'role-above-join-policy': { status: 403, title: "Role above the organisation's join policy" },
  'built-in-role': { status: 400, title: 'Built-in role', carries: ['errors'] },
  'role-not-found': { status: 404, title: 'Role not found' },
  'role-exists': { status: 409, title: 'Role already exists', carries: ['errors'] },
  'role-changed': { status: 409, title: 'Role changed meanwhile' },
  'role-in-use': { status: 409, title: 'Role in use' },
  'webhook-not-found': { status: 404, title: 'Webhook endpoint not found' },
  'webhook-limit-reached': { status: 409, title: 'Webhook endpoint limit reached' },
  'webhook-changed': { status: 409, title: 'Webhook endpoint changed meanwhile' },

  // Invitations
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

  // Join requests
  'join-request-not-found': { status: 404, title: 'Join request not found' },
  'join-request-not-pending': { status: 409, title: 'Join request no longer pending' },
  'join-request-membership-gone': { status: 409, title: 'Pending membership gone' },
  'join-request-exists': { status: 409, title: 'Already asked to join' },

  // Patients and support access
  'patient-not-found': { status: 404, title: 'Patient not found' },
  'support-access-not-granted': { status: 403, title: 'Support access not granted' },
  'no-active-support-access': { status: 404, title: 'No active support access' },

  // Concurrency and retries
  'transaction-conflict': { status: 409, title: 'Concurrent change' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency key reused with another request' },
  'idempotency-request-in-progress': { status: 409, title: 'Request with this idempotency key in progress', carries: ['Retry-After'] },
  'idempotency-result-gone': { status: 410, title: 'The original result is gone' },
} as const satisfies Record<string, RefusalDef>;

export type RefusalName = keyof typeof REFUSALS;

export const PROBLEM_TYPE_PREFIX = 'urn:cabinet:problem:';

/** A refusal's problem type: `urn:cabinet:problem:<name>`. */
export const problemType = (name: RefusalName): string => `${PROBLEM_TYPE_PREFIX}${name}`;

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

/** What led to a refusal (a failed condition, an SDK error): kept as the error's `cause`, logged, never answered. */
export interface Because {
  cause?: unknown;
}

// The one constructor call: a refusal without a cause has no `cause` property at all.
const refuse = (name: RefusalName, detail: string, details: RefusalDetails = {}, because?: Because): Refusal =>
  new Refusal(name, detail, details, because?.cause === undefined ? undefined : { cause: because.cause });

const field = (path: string, message: string): RefusalDetails => ({ fields: [{ path, message }] });

// ─── The request itself ─────────────────────────────────────────────────────────────────────────────────────────

/** 400: the request's fields break rules, each listed with its rule in `errors`. */
export const validationError = (fields: FieldError[], detail = 'The request has invalid fields.'): Refusal =>
  refuse('validation-error', detail, { fields });
/** 400: the body does not parse as JSON. */
export const malformedJson = (): Refusal => refuse('malformed-json', 'The request body is not valid JSON.');
/** 400: the route needs a body and none came. */
export const missingBody = (): Refusal => refuse('missing-body', 'A JSON request body is required.');
/** 415: the body is not JSON by its content type. */
export const unsupportedMediaType = (): Refusal => refuse('unsupported-media-type', 'The request body must be application/json.');
/** 413: the body is over the function's limit (`maxBytes`), or, without it, over the gateway's. */
export const payloadTooLarge = (maxBytes?: number): Refusal =>
  refuse(
    'payload-too-large',
    maxBytes === undefined ? 'The request body exceeds the gateway limit.' : `The request body must not exceed ${maxBytes} bytes.`,
  );
/** 400: a `cursor` that this list did not hand out. */
export const invalidCursor = (): Refusal => refuse('invalid-cursor', 'The cursor is invalid for this list.');
/** 404: no route has this path. */
export const routeNotFound = (method: string, path: string): Refusal => refuse('route-not-found', `No route for ${method} ${path}.`);
/** 404: no file of the docs page has this name. */
export const fileNotFound = (): Refusal => refuse('file-not-found', 'No such file.');
/** 405: the path exists, not with this method; `Allow` lists the methods it has. */
export const methodNotAllowed = (allowed: string[]): Refusal =>
  refuse('method-not-allowed', `Allowed methods: ${allowed.join(', ')}.`, { allowedMethods: allowed });

const TOO_MANY = {
  attempts: 'Too many attempts; try again later.',
  membersAdded: 'Too many members added; try again later.',
  signIns: 'Too many failed sign-ins; try again later.',
  tenantWrites: 'Your organisation is making too many changes at once; try again shortly.',
} as const;
/** 429 with Retry-After: a rate limit or a back-off (domain/rate-limit.ts); `of` says what was counted. */
export const tooManyRequests = (retryAfterSeconds: number, of: keyof typeof TOO_MANY = 'attempts', because?: Because): Refusal =>
  refuse('too-many-requests', TOO_MANY[of], { retryAfterSeconds }, because);
/** 503 with Retry-After: the local stack is still starting. */
export const notReady = (retryAfterSeconds: number): Refusal =>
  refuse('not-ready', 'Cabinet is still starting; retry in a moment.', { retryAfterSeconds });
/** 500: anything unexpected (its cause is logged, never answered). */
export const internalError = (): Refusal => refuse('internal-error', 'An unexpected error occurred.');

// ─── Who is calling ─────────────────────────────────────────────────────────────────────────────────────────────

/** 401: no bearer token. */
export const missingToken = (): Refusal => refuse('missing-token', 'A valid bearer token is required.');
/** 401: the token does not verify (signature, expiry, audience, issuer, token use). */
export const invalidToken = (because?: Because): Refusal => refuse('invalid-token', 'The token is invalid or expired.', {}, because);
/** 401: the token was issued before its session was signed out or the password changed. */
export const tokenRevoked = (): Refusal =>
  refuse('token-revoked', 'This token was signed out (or the password changed since it was issued): sign in again.');
/** 403: a member route called with a token that names no organisation. */
export const noOrganisationSelected = (): Refusal =>
  refuse(
    'no-organisation-selected',
    'The token carries no organisation: choose one (switch-organisation), join one or create one, then use the new token.',
  );
const MFA_REQUIRED = {
  byOrganisation: 'This organisation requires MFA: turn TOTP on (POST /api/auth/mfa/totp), then sign in again.',
  ownFirst: 'Turn MFA on for your own account first (POST /api/auth/mfa/totp): requiring it would lock you out.',
} as const;
/** 403: the organisation requires MFA and the caller has none (`byOrganisation`), or would require it without it. */
export const mfaRequired = (why: keyof typeof MFA_REQUIRED): Refusal => refuse('mfa-required', MFA_REQUIRED[why]);
/** 401: the token's membership is no longer ACTIVE. */
export const membershipInactive = (): Refusal => refuse('membership-inactive', 'The token no longer matches an active membership.');
/** 403: the organisation is suspended. */
export const organisationSuspended = (): Refusal => refuse('organisation-suspended', 'This organisation is suspended.');
/** 403: the organisation is being deleted. */
export const organisationBeingDeleted = (): Refusal => refuse('organisation-being-deleted', 'This organisation is being deleted.');
/** 403: the membership lacks the route's permission. */
export const permissionDenied = (): Refusal => refuse('permission-denied', 'You do not have permission to perform this action.');
const PRIVILEGES_CHANGED = {
  membership: 'Your membership or role changed after this request was authorised; nothing was written. Retry with a fresh sign-in.',
  superAdmin: 'Your platform super-admin standing was removed after this request was authorised; nothing was written.',
} as const;
/** 403: the actor's standing changed between authorisation and the transaction (repositories/actor.ts). */
export const privilegesChanged = (whose: keyof typeof PRIVILEGES_CHANGED, because?: Because): Refusal =>
  refuse('privileges-changed', PRIVILEGES_CHANGED[whose], {}, because);
/** 403: a platform route called by someone who is not a super-admin. */
export const superAdminOnly = (): Refusal => refuse('super-admin-only', 'This action is reserved to platform super-admins.');
const ACCOUNT_NOT_FOUND = { account: 'The account no longer exists.', user: 'The user no longer exists.' } as const;
/** 401: the token's account was deleted meanwhile. */
export const accountNotFound = (said: keyof typeof ACCOUNT_NOT_FOUND = 'account', because?: Because): Refusal =>
  refuse('account-not-found', ACCOUNT_NOT_FOUND[said], {}, because);
/** 404: the caller's profile item is missing. */
export const profileNotFound = (): Refusal => refuse('profile-not-found', 'Your user profile was not found.');
/** 403: creating an organisation needs a registered user (a profile). */
export const profileRequired = (): Refusal => refuse('profile-required', 'Only a registered user can create an organisation.');

// ─── Signing in ─────────────────────────────────────────────────────────────────────────────────────────────────

/** 401: wrong username or password, the same answer for an unknown user (no enumeration). */
export const invalidCredentials = (because?: Because): Refusal =>
  refuse('invalid-credentials', 'Invalid username or password.', {}, because);
/** 401: the MFA step's code or session does not verify. */
export const invalidMfaCode = (because?: Because): Refusal =>
  refuse('invalid-mfa-code', 'The code is wrong, or the sign-in session is invalid or expired.', {}, because);
const INVALID_REFRESH = {
  token: 'The refresh token is invalid or expired.',
  signedOut: 'This session was signed out: sign in again.',
} as const;
/** 401: the refresh token does not verify, or its session was signed out (`signedOut`). */
export const invalidRefreshToken = (why: keyof typeof INVALID_REFRESH = 'token', because?: Because): Refusal =>
  refuse('invalid-refresh-token', INVALID_REFRESH[why], {}, because);
/** 401: the refresh token is another user's. */
export const refreshTokenNotYours = (): Refusal =>
  refuse('refresh-token-not-yours', 'The refresh token does not belong to the signed-in user.');
/** 403: Cognito asks for a sign-in step the API does not offer (`challenge`: its name). */
export const unsupportedChallenge = (challenge: string | undefined): Refusal =>
  refuse('unsupported-challenge', `This sign-in needs a step the API does not offer (${challenge}); sign in through the hosted login.`);

// ─── Accounts ───────────────────────────────────────────────────────────────────────────────────────────────────

const USERNAME_TAKEN = {
  register: ['This username is already taken.', 'Username is already taken'],
  chooseAnother: [
    'This username is already taken: choose another username for your account (send "username").',
    'Username is already taken: choose another one',
  ],
} as const;
/** 409, field `username`: the username is someone else's (`chooseAnother`: accepting an invitation with a new account). */
export const usernameTaken = (when: keyof typeof USERNAME_TAKEN = 'register', because?: Because): Refusal =>
  refuse('username-taken', USERNAME_TAKEN[when][0], field('username', USERNAME_TAKEN[when][1]), because);
const EMAIL_TAKEN = {
  verifiedElsewhere: 'This address is already verified by another account.',
  signInInstead: 'This address is already verified by another account: sign in with that account instead.',
} as const;
/** 409: the address is another account's; `register` carries the field `email`. */
export const emailTaken = (when: 'register' | keyof typeof EMAIL_TAKEN, because?: Because): Refusal =>
  when === 'register'
    ? refuse('email-taken', 'An account with this email already exists.', field('email', 'Email is already registered'), because)
    : refuse('email-taken', EMAIL_TAKEN[when], {}, because);
/** 400: the password does not meet the pool's policy (`path`: the field that held it). */
export const passwordPolicy = (path: string, because?: Because): Refusal =>
  refuse(
    'password-policy',
    'The password does not meet the password policy.',
    field(path, 'Password does not meet the password policy'),
    because,
  );
/** 404: an e-mail verification token that was never issued (or is for no account). */
export const verificationLinkNotFound = (): Refusal => refuse('verification-link-not-found', 'This verification link is not valid.');
const VERIFICATION_USED = {
  used: 'This verification link has already been used.',
  usedOrExpired: 'This verification link has already been used or has expired.',
} as const;
/** 410: the verification link was used (`usedOrExpired`: the race where it was used or expired meanwhile). */
export const verificationLinkUsed = (when: keyof typeof VERIFICATION_USED = 'used', because?: Because): Refusal =>
  refuse('verification-link-used', VERIFICATION_USED[when], {}, because);
/** 410: the verification link has expired. */
export const verificationLinkExpired = (): Refusal =>
  refuse('verification-link-expired', 'This verification link has expired: ask for a new one.');
/** 410: the link is for an address the account no longer has. */
export const verificationLinkSuperseded = (): Refusal =>
  refuse('verification-link-superseded', 'This verification link is for an address the account no longer uses.');
/** 409: the account has no address to verify. */
export const noEmailAddress = (): Refusal => refuse('no-email-address', 'Your account has no email address to verify.');
/** 409: the address is already verified. */
export const emailAlreadyVerified = (): Refusal => refuse('email-already-verified', 'Your email address is already verified.');
const EMAIL_CHANGED = {
  changed: 'Your email address changed meanwhile; reload and retry.',
  changedOrVerified: 'Your email address changed or was verified meanwhile; reload and retry.',
} as const;
/** 409: the address changed (or was verified) between the read and the write. */
export const emailChanged = (what: keyof typeof EMAIL_CHANGED = 'changed'): Refusal => refuse('email-changed', EMAIL_CHANGED[what]);
/** 404: a password reset token that was never issued. */
export const resetLinkNotFound = (): Refusal => refuse('reset-link-not-found', 'This password reset link is not valid.');
/** 410: the reset link was used (or the password changed since it was sent). */
export const resetLinkUsed = (because?: Because): Refusal =>
  refuse('reset-link-used', 'This password reset link has already been used.', {}, because);
/** 410: the reset link has expired. */
export const resetLinkExpired = (because?: Because): Refusal =>
  refuse('reset-link-expired', 'This password reset link has expired: ask for a new one.', {}, because);
/** 409: deleting the account would leave organisations (`names`) without an ADMIN. */
export const stillLastAdmin = (names: readonly string[], because?: Because): Refusal =>
  refuse(
    'still-last-admin',
    `You are the last active ADMIN of ${names.join(', ')}: make someone else ADMIN, or delete the organisation, first.`,
    {},
    because,
  );
/** 409: TOTP is already on. */
export const mfaAlreadyEnabled = (): Refusal =>
  refuse('mfa-already-enabled', 'MFA is already on: turn it off first to enrol another authenticator.');
/** 409: TOTP is not on. */
export const mfaNotEnabled = (): Refusal => refuse('mfa-not-enabled', 'MFA is not on for this account.');
/** 409: verifying a TOTP code before enrolment started. */
export const mfaEnrolmentNotStarted = (because?: Because): Refusal =>
  refuse('mfa-enrolment-not-started', 'Start the enrolment first (POST /api/auth/mfa/totp).', {}, because);
const MFA_MISMATCH = {
  enrolment: 'The code does not match the authenticator: check the device clock and try the next code.',
  confirmation: 'The code does not match the authenticator.',
} as const;
/**
 * 400, field `code`: the authenticator code is wrong, while enrolling (`enrolment`) or confirming a change
 * (`confirmation`). Cognito's non-SUCCESS status without an error (`withField: false`) names no field.
 */
export const mfaCodeMismatch = (when: keyof typeof MFA_MISMATCH, because?: Because & { withField?: false }): Refusal =>
  refuse('mfa-code-mismatch', MFA_MISMATCH[when], because?.withField === false ? {} : field('code', 'Code does not match'), because);
/** 400, field `code`: the code was already accepted once within its step (a replay). */
export const mfaCodeUsed = (): Refusal =>
  refuse('mfa-code-used', 'This code was already used: enter the next code your authenticator shows.', field('code', 'Code already used'));
/** 404: no live session of the caller's has this id (another person's, ended, or unknown). */
export const sessionNotFound = (): Refusal => refuse('session-not-found', 'No session of yours has this id.');

// ─── Organisations ──────────────────────────────────────────────────────────────────────────────────────────────

/**
 * 404: no such organisation (or another one's id). `joinCode`: the one answer for a code that does not work
 * (unknown, expired, exhausted, disabled, or a suspended organisation's), worded as docs/migrating.md shows it.
 */
export const organisationNotFound = (because?: Because & { joinCode?: true }): Refusal =>
  refuse('organisation-not-found', because?.joinCode ? 'Organisation not found' : 'Organisation not found.', {}, because);
/** 409, field `path`: another organisation has this name. */
export const organisationNameTaken = (path: string, because?: Because): Refusal =>
  refuse(
    'organisation-name-taken',
    'An organisation with this name already exists.',
    field(path, 'Organisation name is already taken'),
    because,
  );
/** 409, field `licenseNumber`: another organisation has this license number. */
export const licenseNumberTaken = (because?: Because): Refusal =>
  refuse(
    'license-number-taken',
    'An organisation with this license number already exists.',
    field('licenseNumber', 'License number is already registered'),
    because,
  );
/** 409, field `path`: the temporary code a super-admin chose (seed 003's customTempCode) is another organisation's. */
export const temporaryCodeTaken = (path: string, because?: Because): Refusal =>
  refuse(
    'temporary-code-taken',
    'Another organisation holds this temporary code.',
    field(path, 'Temporary code is already taken'),
    because,
  );
/** 409: the organisation changed between the read and the write. */
export const organisationChanged = (because?: Because): Refusal =>
  refuse('organisation-changed', 'The organisation changed meanwhile; reload and retry.', {}, because);
const ORGANISATION_INACTIVE = {
  inactive: 'This organisation is not active.',
  suspendedAddingMembers: 'This organisation is suspended: reactivate it before adding members.',
} as const;
/** 403: the organisation is not ACTIVE for this change. */
export const organisationInactive = (what: keyof typeof ORGANISATION_INACTIVE = 'inactive', because?: Because): Refusal =>
  refuse('organisation-inactive', ORGANISATION_INACTIVE[what], {}, because);
/** 409: suspending a suspended organisation, reactivating an active one, or either while `current`. */
export const organisationStatusConflict = (current: string, wanted: 'SUSPENDED' | 'ACTIVE'): Refusal =>
  refuse(
    'organisation-status-conflict',
    current === wanted
      ? `The organisation is already ${wanted === 'SUSPENDED' ? 'suspended' : 'active'}.`
      : `The organisation cannot change status while ${current}.`,
  );
/** 409, field `maxUsers`: a seat limit below the current `memberCount`. */
export const maxUsersBelowMembers = (memberCount: number, because?: Because): Refusal =>
  refuse(
    'max-users-below-members',
    `maxUsers cannot be below the current number of members (${memberCount}).`,
    field('maxUsers', `maxUsers must be at least ${memberCount}, the current number of members`),
    because,
  );
/** 403: switching to an organisation the caller is not an active member of. */
export const notAnActiveMember = (): Refusal => refuse('not-an-active-member', 'You are not an active member of this organisation.');

// ─── Members and roles ──────────────────────────────────────────────────────────────────────────────────────────

/** 404: no such member in the organisation. */
export const memberNotFound = (): Refusal => refuse('member-not-found', 'Member not found.');
/** 409: the organisation has no seat left. */
export const organisationFull = (because?: Because): Refusal =>
  refuse('organisation-full', 'The organisation has reached its maximum number of users.', {}, because);
/** 409: the change would leave the organisation without an active ADMIN. */
export const lastAdmin = (because?: Because): Refusal =>
  refuse('last-admin', 'The last ADMIN can be neither removed, suspended nor demoted.', {}, because);
/** 409: the person is already a member. */
export const alreadyMember = (because?: Because): Refusal =>
  refuse('already-member', 'This user is already a member of the organisation.', {}, because);
/** 409: the membership changed between the read and the write. */
export const membershipChanged = (because?: Because): Refusal =>
  refuse('membership-changed', 'The membership changed meanwhile; reload and retry.', {}, because);
const AWAITING_APPROVAL = {
  member: 'This membership awaits approval: approve or reject the join request instead.',
  platform: 'This membership awaits approval: its join request is decided by the organisation.',
} as const;
/** 409: a PENDING membership is decided through its join request (`platform`: said to a super-admin). */
export const membershipAwaitingApproval = (to: keyof typeof AWAITING_APPROVAL): Refusal =>
  refuse('membership-awaiting-approval', AWAITING_APPROVAL[to]);
/** 403: a member changing their own membership. */
export const cannotChangeOwnMembership = (): Refusal => refuse('cannot-change-own-membership', 'You cannot change your own membership.');
/** 403: the member's role holds permissions the caller lacks. */
export const memberAboveCaller = (): Refusal =>
  refuse('member-above-caller', 'You cannot manage a member whose role has permissions you do not have.');
/** 403: a role (by name: granting it; without: defining it) with permissions the caller lacks. */
export const roleAboveCaller = (role?: string): Refusal =>
  refuse(
    'role-above-caller',
    role === undefined
      ? 'A role may only hold permissions you have yourself.'
      : `You cannot grant the role ${role}: it has permissions you do not have.`,
  );
/** 400, field `path` (default `role`): no such role in the organisation (by name, or found gone in the transaction). */
export const unknownRole = (role?: string, path = 'role', because?: Because): Refusal =>
  role === undefined
    ? refuse('unknown-role', 'Unknown role.', field(path, 'Unknown role'), because)
    : refuse('unknown-role', `Unknown role: ${role}.`, field(path, `Unknown role: ${role}`), because);
/** 400, field `role`: a join code may grant only roles without management permissions (domain/join-code.ts). */
export const roleNotGrantableByCode = (role: string): Refusal =>
  refuse(
    'role-not-grantable-by-code',
    `The role ${role} holds management permissions.`,
    field('role', 'A join code grants only roles without management permissions (no …:manage permission)'),
  );
/** 403: joining by the public directory (domain/directory.ts) asked for a role above the join policy's. */
export const roleAboveJoinPolicy = (role: string, ceiling: string): Refusal =>
  refuse('role-above-join-policy', `This organisation's join policy lets people join as ${ceiling} or a role below it, not as ${role}.`);
/** 400, field `name`: built-in roles cannot be changed. */
export const builtInRole = (): Refusal =>
  refuse('built-in-role', 'Built-in roles cannot be changed or deleted.', field('name', 'Built-in roles cannot be changed or deleted'));
/** 404: no such custom role. */
export const roleNotFound = (): Refusal => refuse('role-not-found', 'Role not found.');
/** 409, field `name`: a role of this name exists. */
export const roleExists = (because?: Because): Refusal =>
  refuse('role-exists', 'A role with this name already exists.', field('name', 'Role already exists'), because);
/** 409: the role changed between the read and the write. */
export const roleChanged = (because?: Because): Refusal =>
  refuse('role-changed', 'The role changed meanwhile; reload and retry.', {}, because);
/** 409: the role still has members. */
export const roleInUse = (because?: Because): Refusal => refuse('role-in-use', 'Role in use: reassign its members first.', {}, because);

// ─── Invitations ────────────────────────────────────────────────────────────────────────────────────────────────

/** 404: no such invitation (or not the caller's). */
export const invitationNotFound = (): Refusal => refuse('invitation-not-found', 'Invitation not found.');
/** 409: revoking an invitation that is `status` already, or one accepted or revoked meanwhile (no status). */
export const invitationNotPending = (status?: string, because?: Because): Refusal =>
  refuse(
    'invitation-not-pending',
    status === undefined ? 'The invitation was accepted or revoked meanwhile.' : `The invitation is already ${status.toLowerCase()}.`,
    {},
    because,
  );
/** 410: the invitation was accepted. */
export const invitationUsed = (): Refusal => refuse('invitation-used', 'This invitation has already been used.');
/** 410: the invitation was revoked. */
export const invitationRevoked = (): Refusal => refuse('invitation-revoked', 'This invitation has been revoked.');
/** 410: the invitation was declined. */
export const invitationDeclined = (): Refusal => refuse('invitation-declined', 'This invitation has been declined.');
/** 410: the invitation has expired. */
export const invitationExpired = (because?: Because): Refusal => refuse('invitation-expired', 'This invitation has expired.', {}, because);
/** 410: the role the invitation grants was deleted. */
export const invitationRoleRemoved = (because?: Because): Refusal =>
  refuse('invitation-role-removed', 'The role this invitation grants no longer exists.', {}, because);
/** 403: the invitation is for another address than the caller's. */
export const invitationForAnotherAddress = (): Refusal =>
  refuse('invitation-for-another-address', 'This invitation was sent to another email address.');
const ACCOUNT_EXISTS = {
  signIn: 'An account already owns this address: sign in with it, then accept the invitation.',
  signInOrList:
    'An account already owns this address: sign in with it, then accept the invitation (with its link, or from your invitations).',
} as const;
/** 409: accepting with a new account for an address an account already owns. */
export const invitationAccountExists = (say: keyof typeof ACCOUNT_EXISTS, because?: Because): Refusal =>
  refuse('invitation-account-exists', ACCOUNT_EXISTS[say], {}, because);
/** 403: accepting needs a verified address. */
export const emailNotVerified = (): Refusal =>
  refuse(
    'email-not-verified',
    'Verify your email address first (the link sent to it, or POST /api/auth/verify-email/resend), then accept the invitation.',
  );
/** 403: the inviting organisation is not active (the invitation waits). */
export const invitationOrganisationInactive = (because?: Because): Refusal =>
  refuse(
    'invitation-organisation-inactive',
    'The organisation that sent this invitation is not active; the invitation can be accepted once it is active again.',
    {},
    because,
  );

// ─── Join requests ──────────────────────────────────────────────────────────────────────────────────────────────

/** 404: no such join request. */
export const joinRequestNotFound = (): Refusal => refuse('join-request-not-found', 'Join request not found.');
/** 409: the join request was decided already. */
export const joinRequestNotPending = (because?: Because): Refusal =>
  refuse('join-request-not-pending', 'This join request is no longer pending.', {}, because);
/** 409: the PENDING membership behind the request is gone. */
export const joinRequestMembershipGone = (): Refusal =>
  refuse('join-request-membership-gone', 'The membership awaiting approval no longer exists.');
/** 409: the person already asked to join. */
export const joinRequestExists = (because?: Because): Refusal =>
  refuse('join-request-exists', 'You have already asked to join this organisation.', {}, because);

// ─── Patients and support access ────────────────────────────────────────────────────────────────────────────────

/** 404: no such patient in the organisation. */
export const patientNotFound = (): Refusal => refuse('patient-not-found', 'Patient not found.');
/** 403: the organisation has not granted support access (or its grant ended). */
export const supportAccessNotGranted = (): Refusal =>
  refuse('support-access-not-granted', 'This organisation has not granted support access, or its grant has expired or been revoked.');
/** 404: no grant to revoke. */
export const noActiveSupportAccess = (): Refusal => refuse('no-active-support-access', 'There is no active support access to revoke.');

// ─── Concurrency and retries ────────────────────────────────────────────────────────────────────────────────────

/** 409: the transaction met a concurrent change. */
export const transactionConflict = (because?: Because): Refusal =>
  refuse('transaction-conflict', 'The request conflicted with a concurrent change to the same data; try again.', {}, because);
/** 422: the Idempotency-Key came with another body. */
export const idempotencyKeyReused = (): Refusal =>
  refuse('idempotency-key-reused', 'This Idempotency-Key was used with another request body.');
/** 409 with Retry-After: the first request of this key is still running. */
export const idempotencyRequestInProgress = (retryAfterSeconds: number): Refusal =>
  refuse('idempotency-request-in-progress', 'A request with this Idempotency-Key is still being processed; retry later.', {
    retryAfterSeconds,
  });
/** 410: the first request of this key succeeded, but what it created was deleted since (nothing is created again). */
export const idempotencyResultGone = (): Refusal =>
  refuse(
    'idempotency-result-gone',
    'The request with this Idempotency-Key succeeded, but what it created was deleted since: nothing is created again.',
  );

// ─── Webhooks ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** 404: no such endpoint in the caller's organisation. */
export const webhookNotFound = (): Refusal => refuse('webhook-not-found', 'Webhook endpoint not found.');
/** 409: the organisation's plan allows `max` endpoints. */
export const webhookLimitReached = (max: number, because?: Because): Refusal =>
  refuse('webhook-limit-reached', `An organisation has at most ${max} webhook endpoints; delete one first.`, {}, because);
/** 409: the endpoint changed between the read and the write. */
export const webhookChanged = (because?: Because): Refusal =>
  refuse('webhook-changed', 'The webhook endpoint changed meanwhile; reload and retry.', {}, because);

/** `user-not-found` is answered by no use case yet; it is in the vocabulary for the platform's member routes. */
export const userNotFound = (): Refusal => refuse('user-not-found', 'User not found.');

/**
 * An example of each refusal, built by its constructor: the OpenAPI document shows it as the answer's example, and
 * test/unit/refusals.test.ts checks each builds its own name. Never in a function bundle but the docs' (unused, it
 * is dropped).
 */
export const REFUSAL_EXAMPLES: { readonly [N in RefusalName]: () => Refusal } = {
  'validation-error': () => validationError([{ path: 'nom', message: 'nom is required' }]),
  'malformed-json': malformedJson,
  'missing-body': missingBody,
  'unsupported-media-type': unsupportedMediaType,
  'payload-too-large': () => payloadTooLarge(65_536),
  'invalid-cursor': invalidCursor,
  'route-not-found': () => routeNotFound('GET', '/api/nowhere'),
  'file-not-found': fileNotFound,
  'method-not-allowed': () => methodNotAllowed(['GET', 'PATCH']),
  'too-many-requests': () => tooManyRequests(42),
  'not-ready': () => notReady(1),
  'internal-error': internalError,
  'missing-token': missingToken,
  'invalid-token': () => invalidToken(),
  'token-revoked': tokenRevoked,
  'no-organisation-selected': noOrganisationSelected,
  'mfa-required': () => mfaRequired('byOrganisation'),
  'membership-inactive': membershipInactive,
  'organisation-suspended': organisationSuspended,
  'organisation-being-deleted': organisationBeingDeleted,
  'permission-denied': permissionDenied,
  'privileges-changed': () => privilegesChanged('membership'),
  'super-admin-only': superAdminOnly,
  'account-not-found': () => accountNotFound(),
  'profile-not-found': profileNotFound,
  'profile-required': profileRequired,
  'invalid-credentials': () => invalidCredentials(),
  'invalid-mfa-code': () => invalidMfaCode(),
  'invalid-refresh-token': () => invalidRefreshToken(),
  'refresh-token-not-yours': refreshTokenNotYours,
  'unsupported-challenge': () => unsupportedChallenge('NEW_PASSWORD_REQUIRED'),
  'username-taken': () => usernameTaken(),
  'email-taken': () => emailTaken('register'),
  'password-policy': () => passwordPolicy('password'),
  'verification-link-not-found': verificationLinkNotFound,
  'verification-link-used': () => verificationLinkUsed(),
  'verification-link-expired': verificationLinkExpired,
  'verification-link-superseded': verificationLinkSuperseded,
  'no-email-address': noEmailAddress,
  'email-already-verified': emailAlreadyVerified,
  'email-changed': () => emailChanged(),
  'reset-link-not-found': resetLinkNotFound,
  'reset-link-used': () => resetLinkUsed(),
  'reset-link-expired': () => resetLinkExpired(),
  'still-last-admin': () => stillLastAdmin(['Cabinet Dr Martin']),
  'mfa-already-enabled': mfaAlreadyEnabled,
  'mfa-not-enabled': mfaNotEnabled,
  'mfa-enrolment-not-started': () => mfaEnrolmentNotStarted(),
  'mfa-code-mismatch': () => mfaCodeMismatch('enrolment'),
  'mfa-code-used': mfaCodeUsed,
  'session-not-found': sessionNotFound,
  'organisation-not-found': () => organisationNotFound(),
  'organisation-name-taken': () => organisationNameTaken('organisationName'),
  'license-number-taken': () => licenseNumberTaken(),
  'temporary-code-taken': () => temporaryCodeTaken('customTempCode'),
  'organisation-changed': () => organisationChanged(),
  'organisation-inactive': () => organisationInactive(),
  'organisation-status-conflict': () => organisationStatusConflict('SUSPENDED', 'SUSPENDED'),
  'max-users-below-members': () => maxUsersBelowMembers(12),
  'not-an-active-member': notAnActiveMember,
  'member-not-found': memberNotFound,
  'user-not-found': userNotFound,
  'organisation-full': () => organisationFull(),
  'last-admin': () => lastAdmin(),
  'already-member': () => alreadyMember(),
  'membership-changed': () => membershipChanged(),
  'membership-awaiting-approval': () => membershipAwaitingApproval('member'),
  'cannot-change-own-membership': cannotChangeOwnMembership,
  'member-above-caller': memberAboveCaller,
  'role-above-caller': () => roleAboveCaller('ADMIN'),
  'unknown-role': () => unknownRole('RECEPTIONIST'),
  'role-not-grantable-by-code': () => roleNotGrantableByCode('ADMIN'),
  'role-above-join-policy': () => roleAboveJoinPolicy('admin', 'lawyer'),
  'built-in-role': builtInRole,
  'role-not-found': roleNotFound,
  'role-exists': () => roleExists(),
  'role-changed': () => roleChanged(),
  'role-in-use': () => roleInUse(),
  'webhook-not-found': webhookNotFound,
  'webhook-limit-reached': () => webhookLimitReached(10),
  'webhook-changed': () => webhookChanged(),
  'invitation-not-found': invitationNotFound,
  'invitation-not-pending': () => invitationNotPending('ACCEPTED'),
  'invitation-used': invitationUsed,
  'invitation-revoked': invitationRevoked,
  'invitation-declined': invitationDeclined,
  'invitation-expired': () => invitationExpired(),
  'invitation-role-removed': () => invitationRoleRemoved(),
  'invitation-for-another-address': invitationForAnotherAddress,
  'invitation-account-exists': () => invitationAccountExists('signIn'),
  'email-not-verified': emailNotVerified,
  'invitation-organisation-inactive': () => invitationOrganisationInactive(),
  'join-request-not-found': joinRequestNotFound,
  'join-request-not-pending': () => joinRequestNotPending(),
  'join-request-membership-gone': joinRequestMembershipGone,
  'join-request-exists': () => joinRequestExists(),
  'patient-not-found': patientNotFound,
  'support-access-not-granted': supportAccessNotGranted,
  'no-active-support-access': noActiveSupportAccess,
  'transaction-conflict': () => transactionConflict(),
  'idempotency-key-reused': idempotencyKeyReused,
  'idempotency-request-in-progress': () => idempotencyRequestInProgress(2),
  'idempotency-result-gone': idempotencyResultGone,
};
