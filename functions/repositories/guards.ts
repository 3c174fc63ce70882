// The names of the conditions transaction items carry. When DynamoDB cancels a transaction, ConditionFailed
// (transactions.ts) reports which of these failed, and the use case turns them into its refusal.
export const GUARD = {
  // Accounts
  userId: 'userId',
  username: 'username',
  /** The user's profile must exist (updates of currentOrganisationId). */
  profile: 'profile',
  // Organisations
  organisationId: 'organisationId',
  /** The organisation item's own condition: exists, still ACTIVE / unchanged, seat and admin counters. */
  organisation: 'organisation',
  organisationName: 'organisationName',
  slug: 'slug',
  joinCode: 'joinCode',
  /** Seed 003's temporary clinic code (its JOINCODE# guard): taken by another organisation. */
  temporaryCode: 'temporaryCode',
  licenseNumber: 'licenseNumber',
  /** The directory's number (domain/directory.ts): the counter moved on, or the number is taken. */
  organisationNumber: 'organisationNumber',
  /** The organisation's directory entry is no longer listed (joining by number). */
  directoryListed: 'directoryListed',
  /** A name/slug/code guard released by a change still named this organisation. */
  previousGuard: 'previousGuard',
  organisationActive: 'organisationActive',
  organisationStatus: 'organisationStatus',
  // Join codes
  /** The organisation refused the redemption: code changed, disabled, expired, exhausted or organisation suspended. */
  joinCodeRedeemable: 'joinCodeRedeemable',
  /** The code changed meanwhile (concurrent rotation). */
  joinCodeCurrent: 'joinCodeCurrent',
  // Memberships
  membership: 'membership',
  seat: 'organisationFull',
  lastAdmin: 'lastAdmin',
  role: 'roleMissing',
  /** The membership is no longer in the state it was read in. */
  member: 'membershipState',
  newMember: 'alreadyMember',
  // Roles
  roleExists: 'roleExists',
  roleState: 'roleState',
  // Invitations
  invitation: 'invitation',
  invitationToken: 'invitationToken',
  invitationState: 'invitationState',
  // Join requests
  joinRequestExists: 'joinRequestExists',
  joinRequestState: 'joinRequestState',
  // Support access
  supportGrant: 'supportGrant',
  activeGrant: 'activeGrant',
  // Organisation deletion jobs
  /** The run still holds the deletion job (its lease token), which still exists. */
  deletionLease: 'deletionLease',
  // Patients
  /** The patient exists with the names it was read with (its index entries are those names'). */
  patient: 'patient',
  // Audit
  audit: 'audit',
  // Webhooks
  /** The endpoint exists (or not, for a new one), unchanged since it was read. */
  webhook: 'webhook',
  /** The organisation already has MAX_WEBHOOKS_PER_ORGANISATION endpoints. */
  webhookLimit: 'webhookLimit',
  /** The delivery job exists (or not, for a new one), in the state it was read in. */
  deliveryJob: 'deliveryJob',
  // Mail and proven addresses
  mailJob: 'mailJob',
  /** The verification token was used, or expired, meanwhile. */
  verificationToken: 'verificationToken',
  /** The profile's address is no longer the one the token proves (or the profile is gone). */
  profileEmail: 'profileEmail',
  /** Another account proved this address first. */
  verifiedEmail: 'verifiedEmail',
  // Sessions (repositories/sessions.ts)
  /** The session was signed out, or belongs to another user. */
  session: 'session',
  /** The profile refuses the session: signed out everywhere (or password changed) since it began, or gone. */
  sessionProfile: 'sessionProfile',
  /** The profile's revocation fields changed since they were read (a concurrent sign-out). */
  revocation: 'revocation',
  /** A password reset link used, or expired, meanwhile. */
  resetToken: 'resetToken',
  // The actor of a privileged write (repositories/actor.ts)
  actor: 'actorMembership',
  actorRole: 'actorRole',
  /** A platform operator's write: the PLATFORM / SUPERADMIN# marker still exists. */
  superAdmin: 'superAdmin',
  // The KPI counter (repositories/metrics.ts)
  /** A KPI record's marker exists: the record was counted already. */
  kpiCounted: 'kpiCounted',
} as const;

/** A named condition; rate-limit counters are named after their rule's scope. */
export type Guard = (typeof GUARD)[keyof typeof GUARD] | `rate-limit:${string}`;
