// Organisation use cases: the caller's organisations, creating another one, reading, updating and deleting one.
import { config } from '#core/config';
import { newUlid, nowIso } from '#core/ids';
import { logger } from '#core/logger';
import { acting, actingOrRefuse, meetsMfa, standingIn } from '#domain/acting';
import { auditEntry } from '#domain/audit';
import type { CountedOrganisation, Organisation, Viewer } from '#domain/organisation';
import { newDeletionJob } from '#domain/organisation-deletion';
import { type Permission, permissionsOf } from '#domain/permissions';
import type { VerifiedUser } from '#domain/principal';
import * as refusals from '#domain/refusals';
import type { TenantContext } from '#domain/tenant';
import { GUARD } from '#repositories/guards';
import { readCountedOrganisation as readOrganisation } from '#repositories/organisation-counters';
import { markDeleting } from '#repositories/organisation-deletion';
import { getMembershipAccess, getOrganisationsOf } from '#repositories/organisations';
import { ConditionFailed, conditionFailed, type NamedItem } from '#repositories/transactions';
import { getUser, listUserMemberships, profileNotDeletingItem } from '#repositories/users';
import type { Infer } from '#schemas/lazy';
import type { createOrganisationBody, updateOrganisationBody } from '#schemas/organisations';
import { type Client, limitOrganisationCreation } from './abuse-limits.ts';
import { updateOrganisationAs } from './organisation-update.ts';
import { createOrganisationFor, type RegisterOptions } from './register-cabinet.ts';
import { organisationView } from './views.ts';

const MANAGE: Permission = 'organisation:manage';

/** The caller, as the view rules see a member: ACTIVE (the middleware checked it) with its live permissions. */
const asViewer = (tenant: TenantContext): Viewer => ({ status: 'ACTIVE', permissions: tenant.permissions });

export async function listMyOrganisations(caller: VerifiedUser) {
  const memberships = await listUserMemberships(caller.userId);
  const { organisations, customPermissions } = await getOrganisationsOf(memberships);
  const items = memberships.flatMap((membership) => {
    const org = organisations.get(membership.organisationId);
    if (!org) return [];
    const permissions = permissionsOf(membership.role, customPermissions.get(`${membership.organisationId}|${membership.role}`));
    return [
      {
        // No join code, no record to a member without the MFA the organisation requires (domain/acting.ts).
        organisation: organisationView(org, standingIn(org, caller, membership.status, permissions)),
        role: membership.role,
        status: membership.status,
        current: org.id === caller.tokenOrganisationId,
      },
    ];
  });
  items.sort((a, b) => a.organisation.nom.localeCompare(b.organisation.nom, 'fr') || a.organisation.id.localeCompare(b.organisation.id));
  return { items };
}

export async function createOrganisation(caller: VerifiedUser, input: Infer<typeof createOrganisationBody>, client: Client) {
  const { organisation } = await createOrganisationWith(caller, input, client);
  return { organisation };
}

/** createOrganisation, with what a dialect adds to the organisation (`setup`), answering the record as created too. */
export async function createOrganisationWith(
  caller: VerifiedUser,
  input: Infer<typeof createOrganisationBody>,
  client: Client,
  setup: Pick<RegisterOptions, 'joinCode' | 'extras'> = {},
) {
  // Each organisation reserves a platform-unique name and slug: creating them is limited (seed 003: 5 per 15 min).
  await limitOrganisationCreation(client, caller.userId);
  const user = await getUser(caller.userId);
  if (!user) throw refusals.profileRequired();
  const { name, organisationName, ...rest } = input;
  let organisation: CountedOrganisation;
  try {
    organisation = await createOrganisationFor(
      user,
      { ...rest, organisationName: organisationName ?? name ?? '', description: input.description || undefined },
      // Not for an account being deleted (the deletion would leave the organisation without its ADMIN).
      { newUser: false, defaultCountry: config.DEFAULT_COUNTRY, extraItems: [profileNotDeletingItem(user.id)], ...setup },
    );
  } catch (error) {
    if (conditionFailed(error, GUARD.profile)) throw refusals.profileRequired();
    throw error;
  }
  // The creator is its ADMIN.
  return { organisation: organisationView(organisation, { status: 'ACTIVE', permissions: permissionsOf('ADMIN') }), record: organisation };
}

export async function getOrganisation(tenant: TenantContext) {
  const { organisation } = await getOrganisationWith(tenant);
  return { organisation };
}

/** getOrganisation, answering the record too (a dialect shows fields the view leaves out). */
export async function getOrganisationWith(tenant: TenantContext) {
  const organisation = await readOrganisation(tenant.organisationId);
  if (!organisation) throw refusals.organisationNotFound();
  return { organisation: organisationView(organisation, asViewer(tenant)), record: organisation };
}

/**
 * Requiring MFA refuses every member without it on their next request; an admin who has not turned it on would lock
 * themselves out with the rest, so only an admin with MFA on may require it.
 */
async function mayRequireMfa(tenant: TenantContext): Promise<void> {
  const user = await getUser(tenant.userId);
  if (user?.mfaEnabled !== true) {
    throw refusals.mfaRequired('ownFirst');
  }
}

export async function updateOrganisation(tenant: TenantContext, body: Infer<typeof updateOrganisationBody>) {
  const { organisation } = await updateOrganisationWith(tenant, body);
  return { organisation };
}

/**
 * updateOrganisation, with `also` in the same transaction (seed 002's listing: its items and the audit entry's
 * detail), answering the record too.
 */
export async function updateOrganisationWith(
  tenant: TenantContext,
  body: Infer<typeof updateOrganisationBody>,
  also: { items: NamedItem[]; details: Record<string, unknown> } = { items: [], details: {} },
) {
  const current = await readOrganisation(tenant.organisationId);
  if (!current) throw refusals.organisationNotFound();
  if (body.mfaRequired === true && current.mfaRequired !== true) await mayRequireMfa(tenant);
  const updated = await updateOrganisationAs(tenant, current, body, {
    action: 'organisation.updated',
    more: also.items,
    details: also.details,
  });
  return { organisation: organisationView(updated, asViewer(tenant)), record: updated };
}

/**
 * Who may delete, mirroring the member middleware: the token's organisation must be the path's (else 404), the
 * caller an ACTIVE member (else 401) of an ACTIVE organisation (else 403) who may act with the membership (the MFA
 * the organisation requires, else 403 mfa-required) and holds organisation:manage (else 403).
 * Once the organisation is DELETING its tokens are refused everywhere: the user who started the deletion (even once
 * their membership is gone) or any ACTIVE member holding organisation:manage may still ask, and is told it is
 * DELETING, with the MFA the organisation requires either way. The profile joins the membership's BatchGetItem (no extra call).
 */
async function authoriseDeletion(caller: VerifiedUser, organisationId: string): Promise<{ org: Organisation; resuming: boolean }> {
  const access = await getMembershipAccess(organisationId, caller.userId, { withProfile: true });
  const { organisation: org, membership, user } = access;
  const standing =
    org && membership ? standingIn(org, user, membership.status, permissionsOf(membership.role, access.customPermissions)) : undefined;
  const canManage = standing !== undefined && acting(standing).permissions.has(MANAGE);
  if (org?.status === 'DELETING' && (org.deletion?.requestedBy === caller.userId || canManage)) {
    if (!meetsMfa(org, user)) throw refusals.mfaRequired('byOrganisation');
    return { org, resuming: true };
  }
  if (!org || caller.tokenOrganisationId !== organisationId) throw refusals.organisationNotFound();
  if (membership?.status !== 'ACTIVE' || !standing) throw refusals.membershipInactive();
  if (org.status === 'DELETING') throw refusals.organisationBeingDeleted();
  if (org.status !== 'ACTIVE') throw refusals.organisationSuspended();
  if (!actingOrRefuse(standing).has(MANAGE)) throw refusals.permissionDenied();
  return { org, resuming: false };
}

/**
 * DELETE /api/organisations/{id}: marks the organisation DELETING (every member token is refused from then on) with
 * its platform audit entry and its deletion job, in one transaction, and answers at once; the deletion worker
 * (use-cases/organisation-deletion.ts) purges it. Asked again while it runs, it answers the same.
 */
export async function deleteOrganisation(caller: VerifiedUser, organisationId: string): Promise<{ status: 'DELETING' }> {
  const { org, resuming } = await authoriseDeletion(caller, organisationId);
  if (resuming) return { status: 'DELETING' };
  const now = nowIso();
  const audit = auditEntry({
    organisationId,
    action: 'organisation.deletion-started',
    actorId: caller.userId,
    target: organisationId,
    details: { nom: org.nom },
    at: now,
  });
  try {
    const job = newDeletionJob({
      organisationId,
      requestedBy: caller.userId,
      requestedAt: now,
      nom: org.nom,
      eventId: newUlid(Date.parse(now)),
    });
    await markDeleting(org, job, audit);
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    // Another request started the deletion meanwhile: the same answer. Anything else (suspended, already deleted)
    // stops here.
    const status = (await getMembershipAccess(organisationId, caller.userId)).organisation?.status;
    if (status === undefined) throw refusals.organisationNotFound();
    if (status !== 'DELETING') throw refusals.organisationChanged({ cause: error });
  }
  logger.info('organisation deletion started', { organisationId, by: caller.userId });
  return { status: 'DELETING' };
}
