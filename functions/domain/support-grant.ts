// Support-access grant item: ORG#<orgId> / SUPPORT_GRANT. An organisation's admin lets platform super-admins
// read its patients until expiresAt (at most 24 h), revocable; every access is audited in the organisation.
import { organisationPk } from './keys.ts';

export interface SupportGrant {
  organisationId: string;
  grantedBy: string;
  grantedAt: string;
  expiresAt: string;
  reason?: string;
  revokedAt?: string;
  revokedBy?: string;
}

export const MAX_SUPPORT_HOURS = 24;
export const supportGrantKey = (organisationId: string) => ({ pk: organisationPk(organisationId), sk: 'SUPPORT_GRANT' });

export const supportGrantItem = (grant: SupportGrant) => ({ ...supportGrantKey(grant.organisationId), type: 'SupportGrant', ...grant });

export function supportGrantFromItem(item: Record<string, unknown>): SupportGrant {
  const { pk: _pk, sk: _sk, type: _type, ...grant } = item;
  return grant as unknown as SupportGrant;
}

export const isGrantActive = (grant: SupportGrant | undefined, now = new Date()): grant is SupportGrant =>
  grant !== undefined && !grant.revokedAt && new Date(grant.expiresAt) > now;
