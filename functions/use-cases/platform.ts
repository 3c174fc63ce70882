// Platform super-admin use cases: every organisation (list, create with its first admin by invitation, change its plan,
// name or description, suspend or reactivate), the members of any organisation, the platform trail, the KPIs, and
// reading an organisation's patients under its support grant (always audited). Every write is recorded in the
// organisation's trail and in the platform trail (repositories/actor.ts transactAsSuperAdmin).
import { config } from '#core/config';
import { auditEntry } from '#domain/audit';
import { metricsRange, platformFigures } from '#domain/metrics';
import { type CountedOrganisation, type OrganisationStatus, organisationRecord } from '#domain/organisation';
import type { Patient } from '#domain/patient';
import type { Client, VerifiedUser } from '#domain/principal';
import * as refusals from '#domain/refusals';
import { isRefusal } from '#domain/refusals';
import { operatorTenant, supportTenant, type TenantContext } from '#domain/tenant';
import { profileFieldsOf } from '#domain/user';
import { deliverNow } from '#mail/delivery';
import { listPlatformAudit } from '#repositories/audit';
import { findVerifiedEmailOwner } from '#repositories/email-verification';
import { getMember, listMembers as listMemberItems } from '#repositories/members';
import { readMetrics } from '#repositories/metrics';
import { findDeletionJob } from '#repositories/organisation-deletion';
import * as patients from '#repositories/patients';
import * as repo from '#repositories/platform';
import { rolePermissions } from '#repositories/roles';
import { findUserIdByUsername } from '#repositories/users';
import type { Infer } from '#schemas/lazy';
import type { updateMemberBody } from '#schemas/members';
import type {
  createPlatformOrganisationBody,
  metricsQuery,
  platformAddMemberBody,
  platformAuditListResponse,
  platformOrganisation,
  updatePlatformOrganisationBody,
} from '#schemas/platform';
import { auditView } from './audit.ts';
import { type invitationView, inviteAccountAs, prepareInvitation } from './invitations.ts';
import { addNewAccountAs, changeMemberAs, type MemberView, memberView } from './members.ts';
import { createUniqueOrganisation, type NewOrganisationOptions } from './new-organisation.ts';
import { updateOrganisationAs } from './organisation-update.ts';
import { setPasswordLink, unusablePassword } from './set-password-link.ts';

/**
 * What the platform sees of an organisation: its record and admin count, but no join code (a super-admin is not a
 * member: the code is the organisation's to hand out).
 */
export const platformOrganisationView = (org: CountedOrganisation): Infer<typeof platformOrganisation> => ({
  id: org.id,
  nom: org.nom,
  slug: org.slug,
  status: org.status,
  country: org.country,
  subscriptionTier: org.subscriptionTier,
  maxUsers: org.maxUsers,
  memberCount: org.memberCount,
  adminCount: org.adminCount,
  ...(org.description ? { description: org.description } : {}),
  ...organisationRecord(org),
  mfaRequired: org.mfaRequired === true,
  createdAt: org.createdAt,
  updatedAt: org.updatedAt,
});

export async function listOrganisations(page: { limit: number; cursor?: string | undefined }) {
  const { items, nextCursor } = await repo.listAllOrganisations(page);
  return { items: items.map(platformOrganisationView), nextCursor };
}

export type NewPlatformOrganisation = Infer<typeof createPlatformOrganisationBody>;

/**
 * Creates an organisation with no member and an ADMIN invitation for `adminEmail`, in one transaction with its
 * guards, KPI counters, audit entries and the invitation's mail job. The invitation's token travels only in that
 * e-mail (only its hash is stored); no password exists. The names given for the admin are kept on the invitation, so
 * they need not be typed again.
 */
export async function createOrganisation(
  caller: VerifiedUser,
  input: NewPlatformOrganisation,
  shape: Pick<NewOrganisationOptions, 'joinCode' | 'temporaryCode'> = {},
) {
  // No founder: the first admin joins by accepting the invitation, which takes the first seat.
  const options = { defaultCountry: config.DEFAULT_COUNTRY, founders: 0 as const, ...shape };
  const created = await createUniqueOrganisation(input, options, async (organisation) => {
    const createdAt = organisation.createdAt;
    // The same invitation an organisation's admin creates (use-cases/invitations.ts), accepted the same way.
    const { invitation, job, items } = prepareInvitation({
      organisationId: organisation.id,
      email: input.adminEmail,
      role: 'ADMIN',
      expiresInHours: input.expiresInHours,
      createdBy: caller.userId,
      locale: input.adminLocale,
      organisationName: organisation.nom,
      nom: input.adminNom,
      prenom: input.adminPrenom,
    });
    const audit = [
      auditEntry({
        organisationId: organisation.id,
        action: 'organisation.created-by-platform',
        actorId: caller.userId,
        target: organisation.id,
        details: {
          nom: organisation.nom,
          superAdmin: caller.username,
          invitationId: invitation.id,
          adminEmail: invitation.email,
          // Names the super-admin gave for the invitee (pre-filled on acceptance).
          ...(input.adminNom ? { adminNom: input.adminNom } : {}),
          ...(input.adminPrenom ? { adminPrenom: input.adminPrenom } : {}),
        },
        at: createdAt,
      }),
      auditEntry({
        organisationId: organisation.id,
        action: 'invitation.created',
        actorId: caller.userId,
        target: invitation.id,
        details: { email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt },
        at: createdAt,
      }),
    ];
    await repo.createOrganisationWithInvitation(caller.userId, organisation, items, audit);
    return {
      job,
      answer: {
        organisation: platformOrganisationView(organisation),
        invitation: { id: invitation.id, email: invitation.email, role: 'ADMIN' as const, expiresAt: invitation.expiresAt },
        ...(organisation.joinCode.temporaryCode ? { temporaryCode: organisation.joinCode.temporaryCode } : {}),
      },
    };
  });
  await deliverNow([created.job]);
  return created.answer;
}

/** An organisation the platform may act on: it exists and is not being deleted (404 otherwise). */
async function existingOrganisation(organisationId: string): Promise<CountedOrganisation> {
  const organisation = await repo.findOrganisation(organisationId);
  if (!organisation || organisation.status === 'DELETING') throw refusals.organisationNotFound();
  return organisation;
}

/**
 * GET /api/platform/organisations/{id}: any organisation; one being deleted shows its progress (the deletion job's
 * count of items purged), and once the deletion finished it is 404 like any unknown id.
 */
export async function getOrganisation(organisationId: string) {
  const organisation = await repo.findOrganisation(organisationId);
  if (!organisation) throw refusals.organisationNotFound();
  const job = organisation.status === 'DELETING' ? await findDeletionJob(organisationId) : undefined;
  return {
    organisation: platformOrganisationView(organisation),
    ...(job ? { deletion: { requestedAt: job.requestedAt, itemsPurged: job.purged } } : {}),
  };
}

/**
 * PATCH /api/platform/organisations/{id}: the plan (subscriptionTier from the configured tiers, maxUsers never below
 * the member count), the name (its guards move in the same transaction) and the description, of an ACTIVE or a
 * SUSPENDED organisation.
 */
export async function updateOrganisation(caller: VerifiedUser, organisationId: string, body: Infer<typeof updatePlatformOrganisationBody>) {
  const current = await existingOrganisation(organisationId);
  const updated = await updateOrganisationAs(operatorTenant(caller, organisationId), current, body, {
    action: 'organisation.updated-by-platform',
    details: { superAdmin: caller.username },
    allowSuspended: true,
  });
  return { organisation: platformOrganisationView(updated) };
}

/** The members of any organisation (ACTIVE or SUSPENDED), with cursors valid for this platform list only. */
export async function listMembers(caller: VerifiedUser, organisationId: string, page: { limit: number; cursor?: string | undefined }) {
  await existingOrganisation(organisationId);
  const { items, nextCursor } = await listMemberItems(operatorTenant(caller, organisationId), page);
  return { items: items.map(memberView), nextCursor };
}

/**
 * PATCH /api/platform/organisations/{id}/members/{userId}: role and/or status, with the tenant route's invariants in
 * one transaction (the last ACTIVE ADMIN, seats, custom-role usage, the membership unchanged since read). A platform
 * operator stands above every role of the organisation, so any existing role may be given; a pending membership is
 * decided by the organisation (its join request), and a super-admin who is also a member cannot change their own.
 */
export async function updateMember(caller: VerifiedUser, organisationId: string, userId: string, changes: Infer<typeof updateMemberBody>) {
  await existingOrganisation(organisationId);
  const operator = operatorTenant(caller, organisationId);
  if (userId === caller.userId) throw refusals.cannotChangeOwnMembership();
  const member = await getMember(operator, userId);
  if (!member) throw refusals.memberNotFound();
  if (member.status === 'PENDING') {
    throw refusals.membershipAwaitingApproval('platform');
  }
  if (changes.role !== undefined) await rolePermissions(operator, changes.role);
  return { member: await changeMemberAs(operator, member, changes, { superAdmin: caller.username }) };
}

/**
 * The account a platform operator names by an address: the one that PROVED it (its EMAIL# guard) — whoever reads that
 * mailbox — else the one whose username it is. An address only stated on some profile names nobody.
 */
export async function accountOfAddress(email: string): Promise<string | undefined> {
  const [verifiedOwner, usernameOwner] = await Promise.all([findVerifiedEmailOwner(email), findUserIdByUsername(email)]);
  return verifiedOwner ?? usernameOwner;
}

export type PlatformAddition =
  | { outcome: 'added'; member: MemberView; setPasswordLink: { emailedTo: string; expiresAt: string } }
  | { outcome: 'invited'; invitation: ReturnType<typeof invitationView> };

/**
 * POST /api/platform/organisations/{id}/members (seed 004: "super-admins can create agents in any organisation"). For
 * an address no account has, the person's account (username = the address, unverified) is created in the
 * organisation, ACTIVE with `role`, and a single-use set-password link is e-mailed there (use-cases/set-password-link.ts):
 * no password exists in the request or the answer, and using the link proves the address. An existing account is
 * only invited, as by the organisation's own route (inviteAccountAs): nobody becomes a member without consenting.
 * The operator is told which happened (201 or 202): a platform operator, who lists every organisation's members, may
 * learn that an account exists. An operator stands above the organisation's roles: any existing role may be given.
 */
export async function addMember(
  caller: VerifiedUser,
  organisationId: string,
  input: Infer<typeof platformAddMemberBody>,
  client: Client,
): Promise<PlatformAddition> {
  const organisation = await existingOrganisation(organisationId);
  if (organisation.status !== 'ACTIVE') throw refusals.organisationInactive('suspendedAddingMembers');
  const operator = operatorTenant(caller, organisationId);
  await rolePermissions(operator, input.role);
  const auditDetails = { superAdmin: caller.username };

  const existing = await accountOfAddress(input.email);
  if (existing) {
    const { invitation } = await inviteAccountAs(operator, { name: input.email, userId: existing }, input.role, client, auditDetails);
    return { outcome: 'invited', invitation };
  }

  let expiresAt = '';
  try {
    const { membership, jobs } = await addNewAccountAs(
      operator,
      {
        username: input.email,
        password: unusablePassword(),
        nom: input.nom,
        prenom: input.prenom,
        // Set by the operator, so unverified until the person uses the link delivered there.
        email: input.email,
        ...(input.locale ? { locale: input.locale } : {}),
        profile: profileFieldsOf(input),
      },
      input.role,
      client,
      {
        auditDetails,
        extra: (user) => {
          const link = setPasswordLink(user, input.email, { organisationName: organisation.nom, role: input.role });
          expiresAt = link.expiresAt;
          return { items: link.items, jobs: [link.job] };
        },
      },
    );
    await deliverNow(jobs);
    return { outcome: 'added', member: memberView(membership), setPasswordLink: { emailedTo: input.email, expiresAt } };
  } catch (error) {
    // The seat's condition also requires the organisation ACTIVE: tell a suspension meanwhile from a full organisation.
    if (isRefusal(error, 'organisation-full') && (await repo.findOrganisation(organisationId))?.status !== 'ACTIVE') {
      throw refusals.organisationInactive('suspendedAddingMembers', { cause: error });
    }
    throw error;
  }
}

type PlatformAuditItem = Infer<typeof platformAuditListResponse>['items'][number];

/** The platform trail, newest first: every platform action and every organisation deletion. */
export async function listAudit(query: { limit: number; cursor?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  const { items, nextCursor } = await listPlatformAudit(query, query);
  return {
    items: items.map((entry): PlatformAuditItem => {
      const { id, ...shown } = auditView(entry);
      return { id, organisationId: entry.organisationId, ...shown };
    }),
    nextCursor,
  };
}

/** GET /api/platform/metrics: the KPIs of the months from..to (domain/metrics.ts says how each is derived). */
export async function metrics(query: Infer<typeof metricsQuery>, now = new Date()) {
  const range = metricsRange(query, now);
  if ('path' in range) throw refusals.validationError([range]);
  const items = await readMetrics(range.from, range.to, now);
  return { from: range.from, to: range.to, ...platformFigures(range, items, now) };
}

const STATUS_CHANGE = {
  SUSPENDED: { from: 'ACTIVE', action: 'organisation.suspended' },
  ACTIVE: { from: 'SUSPENDED', action: 'organisation.reactivated' },
} as const satisfies Record<'SUSPENDED' | 'ACTIVE', { from: OrganisationStatus; action: string }>;

/** Suspends or reactivates an organisation (audited in its partition); members of a suspended one get 403. */
export async function setOrganisationStatus(caller: VerifiedUser, organisationId: string, status: 'SUSPENDED' | 'ACTIVE') {
  const change = STATUS_CHANGE[status];
  const outcome = await repo.setOrganisationStatus(
    organisationId,
    change.from,
    status,
    auditEntry({
      organisationId,
      action: change.action,
      actorId: caller.userId,
      target: organisationId,
      details: { status, superAdmin: caller.username },
    }),
  );
  if (outcome.result === 'not-found') throw refusals.organisationNotFound();
  if (outcome.result === 'refused') {
    throw refusals.organisationStatusConflict(outcome.current, status);
  }
  const organisation = await repo.findOrganisation(organisationId);
  if (!organisation) throw refusals.organisationNotFound();
  return { organisation: platformOrganisationView(organisation) };
}

/** The read-only tenant of an organisation whose support grant is active now: 404 unknown, 403 no grant. */
async function supportAccess(caller: VerifiedUser, organisationId: string): Promise<TenantContext> {
  const { organisation, grant } = await repo.getOrganisationAndSupportGrant(organisationId);
  // A suspended organisation may still be supported under its grant; one being deleted is gone.
  if (!organisation || organisation.status === 'DELETING') throw refusals.organisationNotFound();
  const tenant = supportTenant(grant, caller);
  if (!tenant) throw refusals.supportAccessNotGranted();
  return tenant;
}

/** Audits what was read; if the grant ended meanwhile nothing is recorded and nothing read is returned (403). */
async function recordRead(tenant: TenantContext, target: string | undefined, details: Record<string, unknown>): Promise<void> {
  const recorded = await repo.recordSupportAccess(
    auditEntry({
      organisationId: tenant.organisationId,
      action: 'support-access.read',
      actorId: tenant.userId,
      ...(target ? { target } : {}),
      details: { superAdmin: tenant.username, ...details },
    }),
  );
  if (!recorded) throw refusals.supportAccessNotGranted();
}

export async function supportListPatients(
  caller: VerifiedUser,
  organisationId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: Patient[]; nextCursor: string | null }> {
  const tenant = await supportAccess(caller, organisationId);
  const result = await patients.listPatients(tenant, page);
  await recordRead(tenant, undefined, { resource: 'patients', patientIds: result.items.map((patient) => patient.id) });
  return result;
}

export async function supportGetPatient(caller: VerifiedUser, organisationId: string, patientId: string): Promise<Patient> {
  const tenant = await supportAccess(caller, organisationId);
  const patient = await patients.findPatient(tenant, patientId);
  await recordRead(tenant, patientId, { resource: 'patient', patientId, found: patient !== undefined });
  if (!patient) throw refusals.patientNotFound();
  return patient;
}
