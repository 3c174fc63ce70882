// The join-code rules: when a code lets someone in. The redemption transaction (repositories/join-codes.ts)
// checks the same conditions atomically; this is how a use case explains a refusal after the fact.
import type { Organisation } from './organisation.ts';

/** Whether `code` lets someone into `org` right now. */
export function isRedeemable(org: Organisation, code: string, now: Date): boolean {
  const policy = org.joinCode;
  return (
    org.status === 'ACTIVE' &&
    org.code === code &&
    policy.enabled &&
    (policy.maxUses == null || policy.uses < policy.maxUses) &&
    (policy.expiresAt == null || new Date(policy.expiresAt) > now)
  );
}
