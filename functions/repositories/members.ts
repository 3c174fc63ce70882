// Member reads under the tenant's partition: one membership, or a page of them. Changes are in memberships.ts.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, TABLE } from '#adapters/dynamodb';
import { MEMBER_SK_PREFIX, type Membership, membershipFromItem, membershipKey } from '#domain/membership';
import type { TenantContext } from '#domain/tenant';
import { type Page, type PageRequest, tenantPage } from './pages.ts';

/** The membership of `userId` in the tenant's organisation (strongly consistent: it guards a conditional write). */
export async function getMember(tenant: TenantContext, userId: string): Promise<Membership | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: TABLE, Key: membershipKey(tenant.organisationId, userId), ConsistentRead: true }),
  );
  return Item ? membershipFromItem(Item) : undefined;
}

export const listMembers = (tenant: TenantContext, page: PageRequest): Promise<Page<Membership>> =>
  tenantPage(tenant, MEMBER_SK_PREFIX, page, membershipFromItem);
