// Join-code management by the organisation's admins: read, reconfigure (who gets which role, until when, how
// many times, with or without approval) and rotate the code. Each change and its audit entry are one transaction.
import { newJoinCode, nowIso } from '#core/ids';
import { codeMayGrant } from '#domain/join-code';
import type { CountedOrganisation } from '#domain/organisation';
import * as refusals from '#domain/refusals';
import type { TenantContext } from '#domain/tenant';
import { transactAs } from '#repositories/actor';
import { auditRecord } from '#repositories/audit';
import { GUARD } from '#repositories/guards';
import { type JoinCodeChanges, readTenantOrganisation, rotationItems, updatePolicyItem } from '#repositories/join-codes';
import { assertCanGrant, rolePermissions } from '#repositories/roles';
import { ConditionFailed, conditionFailed, type NamedItem } from '#repositories/transactions';
import type { Infer } from '#schemas/lazy';
import type { joinCodeResponse, updateJoinCodeBody } from '#schemas/registration';

// A fresh random code collides with an existing one with probability (organisations / 10^10): retrying is enough.
const ROTATION_ATTEMPTS = 5;

export const joinCodeView = (org: CountedOrganisation): Infer<typeof joinCodeResponse> => ({
  code: org.code,
  enabled: org.joinCode.enabled,
  expiresAt: org.joinCode.expiresAt ?? null,
  maxUses: org.joinCode.maxUses ?? null,
  uses: org.codeUses,
  role: org.joinCode.role,
  requiresApproval: org.joinCode.requiresApproval,
  sharedWithMembers: org.joinCode.sharedWithMembers === true,
});

const auditFor = (tenant: TenantContext, action: string, details?: Record<string, unknown>): NamedItem =>
  auditRecord({ organisationId: tenant.organisationId, action, actorId: tenant.userId, ...(details ? { details } : {}) });

export async function getJoinCode(tenant: TenantContext) {
  const org = await readTenantOrganisation(tenant);
  if (!org) throw refusals.organisationNotFound();
  return joinCodeView(org);
}

export async function updateJoinCode(tenant: TenantContext, body: Infer<typeof updateJoinCodeBody>) {
  // The code's role is granted to whoever redeems it: the caller must be able to grant it themselves.
  if (body.role !== undefined) {
    await assertCanGrant(tenant, body.role);
    if (!codeMayGrant(await rolePermissions(tenant, body.role))) {
      throw refusals.roleNotGrantableByCode(body.role);
    }
  }
  const changes: JoinCodeChanges = {
    ...body,
    // One format, so the redemption condition can compare expiry times as strings.
    ...(typeof body.expiresAt === 'string' ? { expiresAt: new Date(body.expiresAt).toISOString() } : {}),
  };
  try {
    await transactAs(tenant, [updatePolicyItem(tenant, changes, nowIso()), auditFor(tenant, 'join-code.updated', { changes })]);
  } catch (error) {
    if (conditionFailed(error, GUARD.organisation)) throw refusals.organisationNotFound({ cause: error });
    throw error;
  }
  return getJoinCode(tenant);
}

/** A new random code replaces the old one at once: the old code stops working, the use count restarts. */
export async function rotateJoinCode(tenant: TenantContext) {
  for (let attempt = 0; attempt < ROTATION_ATTEMPTS; attempt++) {
    const org = await readTenantOrganisation(tenant);
    if (!org) throw refusals.organisationNotFound();
    try {
      // The codes themselves stay out of the audit trail: its readers can read the current code anyway.
      await transactAs(tenant, [...rotationItems(tenant, org.code, newJoinCode(), nowIso()), auditFor(tenant, 'join-code.rotated')]);
      return getJoinCode(tenant);
    } catch (error) {
      // A taken new code, or a concurrent rotation: read again and retry with a fresh code.
      if (!(error instanceof ConditionFailed)) throw error;
      if (error.guards.some((guard) => guard !== GUARD.joinCode && guard !== GUARD.joinCodeCurrent)) throw error;
    }
  }
  throw new Error('Could not allocate a unique join code');
}
