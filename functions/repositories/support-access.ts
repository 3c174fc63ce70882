// The organisation side of support access: its one SUPPORT_GRANT item, granted and revoked in the same
// transaction as the audit entry recording it.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, TABLE } from '#adapters/dynamodb';
import type { AuditEntry } from '#domain/audit';
import { organisationKey } from '#domain/organisation';
import { type SupportGrant, supportGrantFromItem, supportGrantItem, supportGrantKey } from '#domain/support-grant';
import type { TenantContext } from '#domain/tenant';
import { transactAs } from './actor.ts';
import { auditWrite } from './audit.ts';
import { GUARD } from './guards.ts';
import { conditionFailed, type NamedItem } from './transactions.ts';

// A grant is only written into an ACTIVE organisation: not into one being deleted or suspended meanwhile.
const organisationActive = (tenant: TenantContext): NamedItem => ({
  item: {
    ConditionCheck: {
      TableName: TABLE,
      Key: organisationKey(tenant.organisationId),
      ConditionExpression: '#status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':active': 'ACTIVE' },
    },
  },
  guard: GUARD.organisationActive,
});

export async function getSupportGrant(tenant: TenantContext): Promise<SupportGrant | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: supportGrantKey(tenant.organisationId), ConsistentRead: true }));
  return Item ? supportGrantFromItem(Item) : undefined;
}

/** Writes the grant (replacing any previous one) and its audit entry in one transaction. */
export async function putSupportGrant(tenant: TenantContext, grant: SupportGrant, audit: AuditEntry): Promise<void> {
  await transactAs(tenant, [
    organisationActive(tenant),
    {
      item: { Put: { TableName: TABLE, Item: supportGrantItem({ ...grant, organisationId: tenant.organisationId }) } },
      guard: GUARD.supportGrant,
    },
    auditWrite(audit),
  ]);
}

/** Marks the active grant revoked, with its audit entry; false when there is no active grant to revoke. */
export async function revokeSupportGrant(
  tenant: TenantContext,
  revocation: { revokedBy: string; revokedAt: string },
  audit: AuditEntry,
): Promise<boolean> {
  try {
    await transactAs(tenant, [
      organisationActive(tenant),
      {
        item: {
          Update: {
            TableName: TABLE,
            Key: supportGrantKey(tenant.organisationId),
            UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
            ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revokedAt) AND expiresAt > :at',
            ExpressionAttributeValues: { ':at': revocation.revokedAt, ':by': revocation.revokedBy },
          },
        },
        guard: GUARD.activeGrant,
      },
      auditWrite(audit),
    ]);
    return true;
  } catch (error) {
    if (conditionFailed(error, GUARD.activeGrant)) return false;
    throw error;
  }
}
