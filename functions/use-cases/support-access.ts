// Support access, the organisation's side: its admins grant platform super-admins a time-limited read of the
// organisation's patients (at most MAX_SUPPORT_HOURS), and may revoke it; both are audited in the same write.
import { auditEntry } from '#domain/audit';
import * as refusals from '#domain/refusals';
import { isGrantActive, type SupportGrant } from '#domain/support-grant';
import type { TenantContext } from '#domain/tenant';
import { GUARD } from '#repositories/guards';
import { getSupportGrant, putSupportGrant, revokeSupportGrant } from '#repositories/support-access';
import { conditionFailed } from '#repositories/transactions';
import type { Infer } from '#schemas/lazy';
import type { supportGrantView } from '#schemas/organisations';

/** The audit target of support-access entries: the platform's support staff as a whole. */
const SUPPORT_TARGET = 'platform-support';

const grantView = (grant: SupportGrant): Infer<typeof supportGrantView> => ({
  grantedBy: grant.grantedBy,
  grantedAt: grant.grantedAt,
  expiresAt: grant.expiresAt,
  ...(grant.reason ? { reason: grant.reason } : {}),
  ...(grant.revokedAt ? { revokedAt: grant.revokedAt } : {}),
  ...(grant.revokedBy ? { revokedBy: grant.revokedBy } : {}),
});

function refusedWrite(error: unknown): never {
  if (conditionFailed(error, GUARD.organisationActive)) {
    throw refusals.organisationInactive('inactive', { cause: error });
  }
  throw error;
}

export async function getSupportAccess(tenant: TenantContext) {
  const grant = await getSupportGrant(tenant);
  return { grant: grant ? grantView(grant) : null, active: isGrantActive(grant) };
}

export async function grantSupportAccess(tenant: TenantContext, input: { hours: number; reason?: string | undefined }) {
  const now = new Date();
  const grant: SupportGrant = {
    organisationId: tenant.organisationId,
    grantedBy: tenant.userId,
    grantedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + input.hours * 3_600_000).toISOString(),
    ...(input.reason ? { reason: input.reason } : {}),
  };
  const audit = auditEntry({
    organisationId: tenant.organisationId,
    action: 'support-access.granted',
    actorId: tenant.userId,
    target: SUPPORT_TARGET,
    details: { hours: input.hours, expiresAt: grant.expiresAt, ...(grant.reason ? { reason: grant.reason } : {}) },
    at: grant.grantedAt,
  });
  await putSupportGrant(tenant, grant, audit).catch(refusedWrite);
  return { grant: grantView(grant), active: true };
}

export async function revokeSupportAccess(tenant: TenantContext): Promise<void> {
  const revokedAt = new Date().toISOString();
  const audit = auditEntry({
    organisationId: tenant.organisationId,
    action: 'support-access.revoked',
    actorId: tenant.userId,
    target: SUPPORT_TARGET,
    at: revokedAt,
  });
  const revoked = await revokeSupportGrant(tenant, { revokedBy: tenant.userId, revokedAt }, audit).catch(refusedWrite);
  if (!revoked) throw refusals.noActiveSupportAccess();
}
