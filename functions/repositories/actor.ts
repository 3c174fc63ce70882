// Privileged writes re-check their actor inside their own transaction. The auth middleware authorises from a
// membership read at most 5 s ago (repositories/access.ts); a write that grants, changes or uses a management
// permission therefore also conditions on the actor's membership being ACTIVE with the role it was authorised with
// (and, for a custom role, on the role item being unchanged since). A stale actor writes nothing.
// A platform operator (a super-admin, domain/tenant.ts operatorTenant) has no membership: its writes condition on
// its super-admin marker instead, and every audit entry they write is also recorded in the platform trail.
import { batchGet, findItem, TABLE } from '#adapters/dynamodb';
import { type AuditEntry, auditFromItem } from '#domain/audit';
import { membershipFromItem, membershipKey } from '#domain/membership';
import { superAdminKey } from '#domain/platform';
import * as refusals from '#domain/refusals';
import { roleFromItem, roleKey } from '#domain/role';
import { isOperator, type TenantContext } from '#domain/tenant';
import { platformAuditWrite } from './audit.ts';
import { GUARD, type Guard } from './guards.ts';
import { ConditionFailed, conditionFailed, type NamedItem, transact } from './transactions.ts';

type Key = { pk: string; sk: string };

interface Condition {
  key: Key;
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
  guard: Guard;
}

function actorConditions(actor: TenantContext): Condition[] {
  const conditions: Condition[] = [
    {
      key: membershipKey(actor.organisationId, actor.userId),
      expression: '#acStatus = :acActive AND #acRole = :acRole',
      names: { '#acStatus': 'status', '#acRole': 'role' },
      values: { ':acActive': 'ACTIVE', ':acRole': actor.role },
      guard: GUARD.actor,
    },
  ];
  if (actor.roleVersion) {
    conditions.push({
      key: roleKey(actor.organisationId, actor.role),
      expression: '#acUpdatedAt = :acRoleVersion',
      names: { '#acUpdatedAt': 'updatedAt' },
      values: { ':acRoleVersion': actor.roleVersion },
      guard: GUARD.actorRole,
    });
  }
  return conditions;
}

type Operation = { Key?: Key; Item?: Record<string, unknown> } & {
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
};

function operationOf(item: NamedItem['item']): Operation | undefined {
  return (item.Put ?? item.Update ?? item.Delete ?? item.ConditionCheck) as Operation | undefined;
}

function keyOf(operation: Operation | undefined): Key | undefined {
  const source = operation?.Key ?? operation?.Item;
  return source ? { pk: String(source.pk), sk: String(source.sk) } : undefined;
}

/**
 * The items plus the actor's conditions. DynamoDB allows one operation per item in a transaction, so a condition on
 * an item the transaction already writes (leaving an organisation deletes your own membership) is ANDed into it.
 */
export function withActorChecks(actor: TenantContext, items: NamedItem[]): { items: NamedItem[]; merged: boolean } {
  const result = [...items];
  let merged = false;
  for (const condition of actorConditions(actor)) {
    const index = result.findIndex(({ item }) => {
      const key = keyOf(operationOf(item));
      return key?.pk === condition.key.pk && key.sk === condition.key.sk;
    });
    const existing = index >= 0 ? result[index] : undefined;
    const operation = existing ? operationOf(existing.item) : undefined;
    if (!existing || !operation) {
      result.push({
        item: {
          ConditionCheck: {
            TableName: TABLE,
            Key: condition.key,
            ConditionExpression: condition.expression,
            ExpressionAttributeNames: condition.names,
            ExpressionAttributeValues: condition.values,
          },
        },
        guard: condition.guard,
      });
      continue;
    }
    merged = true;
    const [kind] = Object.keys(existing.item);
    const combined: Operation = {
      ...operation,
      ConditionExpression: operation.ConditionExpression
        ? `(${operation.ConditionExpression}) AND (${condition.expression})`
        : condition.expression,
      ExpressionAttributeNames: { ...operation.ExpressionAttributeNames, ...condition.names },
      ExpressionAttributeValues: { ...operation.ExpressionAttributeValues, ...condition.values },
    };
    result[index] = { ...existing, item: { [kind as string]: combined } as NamedItem['item'] };
  }
  return { items: result, merged };
}

/** Whether the actor's membership or custom role differs now from what authorised the request (consistent read). */
async function actorChanged(actor: TenantContext): Promise<boolean> {
  const memberKey = membershipKey(actor.organisationId, actor.userId);
  const customRoleKey = actor.roleVersion ? roleKey(actor.organisationId, actor.role) : undefined;
  const items = await batchGet([memberKey, ...(customRoleKey ? [customRoleKey] : [])], { consistent: true });
  const member = findItem(items, memberKey);
  const membership = member ? membershipFromItem(member) : undefined;
  if (membership?.status !== 'ACTIVE' || membership.role !== actor.role) return true;
  if (!customRoleKey) return false;
  const role = findItem(items, customRoleKey);
  return !role || roleFromItem(role).updatedAt !== actor.roleVersion;
}

/** The organisation audit entries a transaction writes (Puts of AuditEntry items). */
const auditEntriesOf = (items: NamedItem[]): AuditEntry[] =>
  items.flatMap(({ item }) => (item.Put?.Item?.type === 'AuditEntry' ? [auditFromItem(item.Put.Item)] : []));

/**
 * One transaction of a platform super-admin's write: the items, a check that the super-admin marker still exists
 * (403 privileges-changed otherwise: the marker is read with a 5 s cache on authorisation), and each organisation
 * audit entry of the items recorded again in the platform trail, which outlives the organisation.
 */
export async function transactAsSuperAdmin(superAdminId: string, items: NamedItem[]): Promise<void> {
  try {
    await transact([
      ...items,
      ...auditEntriesOf(items).map(platformAuditWrite),
      {
        item: { ConditionCheck: { TableName: TABLE, Key: superAdminKey(superAdminId), ConditionExpression: 'attribute_exists(pk)' } },
        guard: GUARD.superAdmin,
      },
    ]);
  } catch (error) {
    if (conditionFailed(error, GUARD.superAdmin)) throw refusals.privilegesChanged('superAdmin', { cause: error });
    throw error;
  }
}

/**
 * One transaction of a privileged write by `actor`: the items and the actor's conditions. A stale actor gets 403
 * privileges-changed; any other refused condition is rethrown for the use case to explain.
 */
export async function transactAs(actor: TenantContext, items: NamedItem[]): Promise<void> {
  if (isOperator(actor)) return transactAsSuperAdmin(actor.userId, items);
  const checked = withActorChecks(actor, items);
  try {
    await transact(checked.items);
  } catch (error) {
    if (!(error instanceof ConditionFailed)) throw error;
    if (error.has(GUARD.actor, GUARD.actorRole)) throw refusals.privilegesChanged('membership', { cause: error });
    // A condition merged into another item fails under that item's guard: look before blaming the item.
    if (checked.merged && (await actorChanged(actor))) throw refusals.privilegesChanged('membership', { cause: error });
    throw error;
  }
}
