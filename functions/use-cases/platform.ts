// Platform super-admin use cases: list every organisation, create one with its first admin by invitation,
// suspend or reactivate one, and read an organisation's patients under its support grant (always audited).
import { config } from '#core/config';
import { auditEntry } from '#domain/audit';
import { type Organisation, type OrganisationStatus, organisationView } from '#domain/organisation';
import type { Patient } from '#domain/patient';
import type { VerifiedUser } from '#domain/principal';
import { Refusal } from '#domain/refusal';
import { supportTenant, type TenantContext } from '#domain/tenant';
import * as patients from '#repositories/patients';
import * as repo from '#repositories/platform';
import type { Infer } from '#schemas/lazy';
import type { createPlatformOrganisationBody, platformOrganisation } from '#schemas/platform';
import { prepareInvitation } from './invitations.ts';
import { deliverNow } from './mail-delivery.ts';
import { createUniqueOrganisation } from './new-organisation.ts';

const organisationNotFound = () => new Refusal('organisation-not-found', 'Organisation not found.');
const noSupportGrant = () =>
  new Refusal('support-access-not-granted', 'This organisation has not granted support access, or its grant has expired or been revoked.');

/** What the platform sees of an organisation: no join code (a super-admin is not a member), but its admin count. */
export const platformOrganisationView = (org: Organisation): Infer<typeof platformOrganisation> => ({
  ...organisationView(org, { withCode: false }),
  adminCount: org.adminCount,
});

export async function listOrganisations(page: { limit: number; cursor?: string | undefined }) {
  const { items, nextCursor } = await repo.listAllOrganisations(page);
  return { items: items.map(platformOrganisationView), nextCursor };
}

export type NewPlatformOrganisation = Infer<typeof createPlatformOrganisationBody>;

/**
 * Creates an organisation with no member and an ADMIN invitation for `adminEmail`, in one transaction with its
 * guards, audit entries and the invitation's mail job. The invitation's token travels only in that e-mail (only its
 * hash is stored); no password exists.
 */
export async function createOrganisation(caller: VerifiedUser, input: NewPlatformOrganisation) {
  // No founder: the first admin joins by accepting the invitation, which takes the first seat.
  const created = await createUniqueOrganisation(input, { defaultCountry: config.DEFAULT_COUNTRY, founders: 0 }, async (organisation) => {
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
          // Names the super-admin gave for the invitee; the invitee still states them on acceptance.
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
    await repo.createOrganisationWithInvitation(organisation, items, audit);
    return {
      job,
      answer: {
        organisation: platformOrganisationView(organisation),
        invitation: { id: invitation.id, email: invitation.email, role: 'ADMIN' as const, expiresAt: invitation.expiresAt },
      },
    };
  });
  await deliverNow([created.job]);
  return created.answer;
}

const STATUS_CHANGE = {
  SUSPENDED: { from: 'ACTIVE', action: 'organisation.suspended', already: 'The organisation is already suspended.' },
  ACTIVE: { from: 'SUSPENDED', action: 'organisation.reactivated', already: 'The organisation is already active.' },
} as const satisfies Record<'SUSPENDED' | 'ACTIVE', { from: OrganisationStatus; action: string; already: string }>;

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
  if (outcome.result === 'not-found') throw organisationNotFound();
  if (outcome.result === 'refused') {
    throw new Refusal(
      'organisation-status-conflict',
      outcome.current === status ? change.already : `The organisation cannot change status while ${outcome.current}.`,
    );
  }
  const organisation = await repo.findOrganisation(organisationId);
  if (!organisation) throw organisationNotFound();
  return { organisation: platformOrganisationView(organisation) };
}

/** The read-only tenant of an organisation whose support grant is active now: 404 unknown, 403 no grant. */
async function supportAccess(caller: VerifiedUser, organisationId: string): Promise<TenantContext> {
  const { organisation, grant } = await repo.getOrganisationAndSupportGrant(organisationId);
  // A suspended organisation may still be supported under its grant; one being deleted is gone.
  if (!organisation || organisation.status === 'DELETING') throw organisationNotFound();
  const tenant = supportTenant(grant, caller);
  if (!tenant) throw noSupportGrant();
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
  if (!recorded) throw noSupportGrant();
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
  if (!patient) throw new Refusal('patient-not-found', 'Patient not found.');
  return patient;
}
