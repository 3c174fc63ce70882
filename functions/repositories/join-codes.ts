// Join-code persistence: the JOINCODE#<code> guard that finds an organisation by its code (GetItem, no Scan),
// and the transaction items that redeem, reconfigure and rotate the code kept on the organisation item.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, TABLE } from '#adapters/dynamodb';
import { type JoinCodePolicy, joinCodeGuardKey, type Organisation, organisationFromItem, organisationKey } from '#domain/organisation';
import type { TenantContext } from '#domain/tenant';
import { GUARD } from './guards.ts';
import { type NamedItem, putNew } from './transactions.ts';

type Update = NonNullable<NamedItem['item']['Update']>;

/** The organisation a join code belongs to, through its guard item. */
export async function findOrganisationIdByCode(code: string): Promise<string | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: joinCodeGuardKey(code) }));
  return typeof Item?.organisationId === 'string' ? Item.organisationId : undefined;
}

/** A strongly consistent read of an organisation (its join-code policy must be current). */
export async function readOrganisation(organisationId: string): Promise<Organisation | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: organisationKey(organisationId), ConsistentRead: true }));
  return Item ? organisationFromItem(Item) : undefined;
}

export const readTenantOrganisation = (tenant: TenantContext) => readOrganisation(tenant.organisationId);

const sameKey = (a: Record<string, unknown> | undefined, b: { pk: string; sk: string }) => a?.pk === b.pk && a?.sk === b.sk;

/**
 * Adds "this code may be redeemed now, count one use" to the transaction. DynamoDB allows one operation per
 * item in a transaction, so when `items` already update the organisation (an ACTIVE membership takes a seat
 * there), the condition and the increment are merged into that update, which keeps its own guard name; the
 * caller then tells a refused seat from a refused code by reading the organisation again.
 */
export function withCodeRedemption(items: NamedItem[], organisationId: string, code: string, nowIso: string): NamedItem[] {
  const key = organisationKey(organisationId);
  const set = '#jcPolicy.#jcUses = #jcPolicy.#jcUses + :jcOne';
  const condition =
    'attribute_exists(pk) AND #jcStatus = :jcActive AND #jcPolicy.#jcEnabled = :jcTrue' +
    // The permanent code, or the temporary one (domain/temporary-code.ts) before its own expiry.
    ' AND (#jcCode = :jcCode OR (#jcPolicy.#jcTemporary.#jcCode = :jcCode AND #jcPolicy.#jcTemporary.#jcExpiresAt > :jcNow))' +
    ' AND (attribute_not_exists(#jcPolicy.#jcMaxUses) OR #jcPolicy.#jcUses < #jcPolicy.#jcMaxUses)' +
    ' AND (attribute_not_exists(#jcPolicy.#jcExpiresAt) OR #jcPolicy.#jcExpiresAt > :jcNow)';
  const names = {
    '#jcPolicy': 'joinCode',
    '#jcUses': 'uses',
    '#jcCode': 'code',
    '#jcStatus': 'status',
    '#jcEnabled': 'enabled',
    '#jcMaxUses': 'maxUses',
    '#jcExpiresAt': 'expiresAt',
    '#jcTemporary': 'temporaryCode',
  };
  const values = { ':jcOne': 1, ':jcCode': code, ':jcActive': 'ACTIVE', ':jcTrue': true, ':jcNow': nowIso };
  const index = items.findIndex(({ item }) => sameKey(item.Update?.Key, key));
  const existing = index >= 0 ? items[index] : undefined;
  if (!existing?.item.Update) {
    return [
      ...items,
      {
        item: {
          Update: {
            TableName: TABLE,
            Key: key,
            UpdateExpression: `SET ${set}`,
            ConditionExpression: condition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        },
        guard: GUARD.joinCodeRedeemable,
      },
    ];
  }
  const update: Update = existing.item.Update;
  const expression = update.UpdateExpression ?? '';
  const merged: Update = {
    ...update,
    UpdateExpression: /^SET /i.test(expression) ? `SET ${set}, ${expression.slice(4)}` : `SET ${set} ${expression}`.trim(),
    ConditionExpression: update.ConditionExpression ? `(${update.ConditionExpression}) AND ${condition}` : condition,
    ExpressionAttributeNames: { ...update.ExpressionAttributeNames, ...names },
    ExpressionAttributeValues: { ...update.ExpressionAttributeValues, ...values },
  };
  return items.map((entry, i) => (i === index ? { ...entry, item: { Update: merged } } : entry));
}

export type JoinCodeChanges = {
  enabled?: boolean | undefined;
  expiresAt?: string | null | undefined;
  maxUses?: number | null | undefined;
  role?: string | undefined;
  requiresApproval?: boolean | undefined;
};

/** Sets (or, for null, removes) some fields of the tenant organisation's join-code policy. */
export function updatePolicyItem(tenant: TenantContext, changes: JoinCodeChanges, nowIso: string): NamedItem {
  const names: Record<string, string> = { '#jc': 'joinCode' };
  const values: Record<string, unknown> = { ':now': nowIso };
  const set = ['updatedAt = :now'];
  const remove: string[] = [];
  for (const [field, value] of Object.entries(changes) as [keyof JoinCodePolicy, unknown][]) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    if (value === null) {
      remove.push(`#jc.#${field}`);
    } else {
      values[`:${field}`] = value;
      set.push(`#jc.#${field} = :${field}`);
    }
  }
  return {
    item: {
      Update: {
        TableName: TABLE,
        Key: organisationKey(tenant.organisationId),
        UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
        ConditionExpression: 'attribute_exists(pk) AND attribute_exists(#jc)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    guard: GUARD.organisation,
  };
}

/** Replaces the tenant organisation's code: old guard out, new guard in (unique), code and use count reset. */
export function rotationItems(tenant: TenantContext, oldCode: string, newCode: string, nowIso: string): NamedItem[] {
  return [
    {
      item: {
        Delete: {
          TableName: TABLE,
          Key: joinCodeGuardKey(oldCode),
          ConditionExpression: 'organisationId = :org',
          ExpressionAttributeValues: { ':org': tenant.organisationId },
        },
      },
      guard: GUARD.joinCodeCurrent,
    },
    { item: putNew(TABLE, { ...joinCodeGuardKey(newCode), organisationId: tenant.organisationId }), guard: GUARD.joinCode },
    {
      item: {
        Update: {
          TableName: TABLE,
          Key: organisationKey(tenant.organisationId),
          UpdateExpression: 'SET #code = :new, #jc.#uses = :zero, updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND #code = :old',
          ExpressionAttributeNames: { '#code': 'code', '#jc': 'joinCode', '#uses': 'uses' },
          ExpressionAttributeValues: { ':new': newCode, ':old': oldCode, ':zero': 0, ':now': nowIso },
        },
      },
      guard: GUARD.joinCodeCurrent,
    },
  ];
}
