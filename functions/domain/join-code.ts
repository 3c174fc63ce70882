// The join-code rules: when a code lets someone in. The redemption transaction (repositories/join-codes.ts)
// checks the same conditions atomically; this is how a use case explains a refusal after the fact.
import type { CountedOrganisation, Organisation } from './organisation.ts';
import { isManagementPermission, type Permission } from './permissions.ts';
import { temporaryCodeOpens } from './temporary-code.ts';

/**
 * The ceiling of a join code, by permission rather than by name: it may grant only a role without any management
 * permission (ADMIN never, nor a custom role holding members:manage, roles:manage…). Anyone who reads the code can
 * use it, so it must not hand out the power to manage the organisation or its people.
 */
export const codeMayGrant = (rolePermissions: Iterable<Permission>): boolean => ![...rolePermissions].some(isManagementPermission);

/** Whether `code` lets someone into `org` right now: its permanent code, or its temporary one until that expires. */
export function isRedeemable(org: CountedOrganisation, code: string, now: Date): boolean {
  const policy = org.joinCode;
  return (
    org.status === 'ACTIVE' &&
    (org.code === code || temporaryCodeOpens(policy.temporaryCode, code, now)) &&
    policy.enabled &&
    (policy.maxUses == null || org.codeUses < policy.maxUses) &&
    (policy.expiresAt == null || new Date(policy.expiresAt) > now)
  );
}

/**
 * What redeeming the code gives: the code's role, as an ACTIVE membership (a seat at once) or, when the code
 * requires approval, a PENDING one with a join request for its reviewers (no seat until approved).
 */
export const joiningBy = (
  policy: Pick<Organisation['joinCode'], 'role' | 'requiresApproval'>,
): { role: string; status: 'ACTIVE' | 'PENDING' } => ({
  role: policy.role,
  status: policy.requiresApproval ? 'PENDING' : 'ACTIVE',
});
