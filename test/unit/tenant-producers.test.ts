// The two TenantContexts the platform makes (domain/tenant.ts) and the support grant they rest on: a platform
// operator manages an organisation's members and settings, never its patients; support access reads patients only,
// only under the organisation's own active grant, and for the organisation the grant names.
import { describe, expect, it } from 'vitest';
import type { VerifiedUser } from '#domain/principal';
import { isGrantActive, type SupportGrant, supportGrantItem } from '#domain/support-grant';
import { isOperator, OPERATOR_ROLE, operatorTenant, SUPPORT_ROLE, supportTenant, verifiedTenant } from '#domain/tenant';

const NOW = new Date('2026-12-07T10:00:00.000Z');
const superAdmin = { userId: 'sa-1', username: 'root' } as VerifiedUser;
const grant = (fields: Partial<SupportGrant> = {}): SupportGrant => ({
  organisationId: 'org-7',
  grantedBy: 'admin-1',
  grantedAt: '2026-12-07T08:00:00.000Z',
  expiresAt: '2026-12-07T12:00:00.000Z',
  ...fields,
});

describe('a platform operator in an organisation', () => {
  const tenant = operatorTenant(superAdmin, 'org-1');

  it('manages its members and settings', () => {
    expect([...tenant.permissions].sort()).toEqual(['members:manage', 'members:read', 'organisation:manage']);
  });

  it('never reads or writes its patients', () => {
    expect(tenant.permissions.has('patients:read')).toBe(false);
    expect(tenant.permissions.has('patients:write')).toBe(false);
  });

  it('acts as the super-admin, under a role no membership can hold, and is told apart from members', () => {
    expect(tenant).toMatchObject({ organisationId: 'org-1', userId: 'sa-1', role: OPERATOR_ROLE });
    expect(isOperator(tenant)).toBe(true);
    const member = verifiedTenant({ organisationId: 'org-1', userId: 'u', username: 'u', role: 'ADMIN', permissions: new Set() });
    expect(isOperator(member)).toBe(false);
  });

  it('cannot be altered once made', () => {
    expect(Object.isFrozen(tenant)).toBe(true);
  });
});

describe('support access', () => {
  it('under an active grant reads patients only, in the organisation the grant names', () => {
    const tenant = supportTenant(grant(), superAdmin, NOW);
    expect(tenant).toMatchObject({ organisationId: 'org-7', userId: 'sa-1', role: SUPPORT_ROLE });
    expect([...(tenant?.permissions ?? [])]).toEqual(['patients:read']);
  });

  it('without a grant there is none', () => {
    expect(supportTenant(undefined, superAdmin, NOW)).toBeUndefined();
  });

  it('ends at the grant’s expiry exactly', () => {
    expect(supportTenant(grant({ expiresAt: NOW.toISOString() }), superAdmin, NOW)).toBeUndefined();
    expect(isGrantActive(grant({ expiresAt: new Date(NOW.getTime() + 1).toISOString() }), NOW)).toBe(true);
  });

  it('ends when an admin revokes the grant, even before its expiry', () => {
    expect(supportTenant(grant({ revokedAt: '2026-12-07T09:00:00.000Z', revokedBy: 'admin-1' }), superAdmin, NOW)).toBeUndefined();
  });

  it('the grant lives in the organisation’s own partition', () => {
    expect(supportGrantItem(grant())).toMatchObject({ pk: 'ORG#org-7', sk: 'SUPPORT_GRANT', type: 'SupportGrant' });
  });
});
