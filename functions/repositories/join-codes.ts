// Join-code persistence: the JOINCODE#<code> guard that finds an organisation by its code (GetItem, no Scan),
// and the transaction items that redeem, reconfigure and rotate the code kept on the organisation item (its uses
// are on the organisation's counters item).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, TABLE } from '#adapters/dynamodb';
import {
  type CountedOrganisation,
  type JoinCodePolicy,
  joinCodeGuardKey,
  type Organisation,
  organisationCountersKey,
  organisationKey,
} from '#domain/organisation';
import type { TenantContext } from '#domain/tenant';
import { GUARD } from './guards.ts';
import { countersUpdate, readCountedOrganisation } from './organisation-counters.ts';
import { type ItemPart, mergedInto, type NamedItem, putNew } from './transactions.ts';

/** The organisation a join code belongs to, through its guard item. */
export async function findOrganisationIdByCode(code: string): Promise<string | undefined> {
  const { Item } = await db.send(new GetCommand({ TableName: TABLE, Key: joinCodeGuardKey(code) }));
  return typeof Item?.organisationId === 'string' ? Item.organisationId : undefined;
}

/** A strongly consistent read of an organisation and its counters (its join-code policy and uses must be current). */
export const readOrganisation = (organisationId: string): Promise<CountedOrganisation | undefined> =>
  readCountedOrganisation(organisationId, { consistent: true });

export const readTenantOrganisation = (tenant: TenantContext) => readOrganisation(tenant.organisationId);

/**
 * Adds "this code may be redeemed now, count one use" to the transaction: a condition on the organisation item (the
 * code, its status, expiry and the maxUses read in `org`), which the join does not write, and one use more on its
 * counters item below that maxUses. When `items` already hold either item (an ACTIVE membership takes its seat on the
 * counters), the condition joins that one, which keeps its own guard name; the caller then tells a refused seat from
 * a refused code by reading the organisation again.
 */
export function withCodeRedemption(
  items: NamedItem[],
  org: Pick<Organisation, 'id' | 'joinCode'>,
  code: string,
  nowIso: string,
): NamedItem[] {
  const maxUses = org.joinCode.maxUses;
  const names = {
    '#jcPolicy': 'joinCode',
    '#jcCode': 'code',
    '#jcStatus': 'status',
    '#jcEnabled': 'enabled',
    '#jcMaxUses': 'maxUses',
    '#jcExpiresAt': 'expiresAt',
    '#jcTemporary': 'temporaryCode',
  };
  const values = {
    ':jcCode': code,
    ':jcActive': 'ACTIVE',
    ':jcTrue': true,
    ':jcNow': nowIso,
    ...(maxUses == null ? {} : { ':jcMax': maxUses }),
  };
  const redeemable: ItemPart = {
    condition:
      'attribute_exists(pk) AND #jcStatus = :jcActive AND #jcPolicy.#jcEnabled = :jcTrue' +
      // The permanent code, or the temporary one (domain/temporary-code.ts) before its own expiry.
      ' AND (#jcCode = :jcCode OR (#jcPolicy.#jcTemporary.#jcCode = :jcCode AND #jcPolicy.#jcTemporary.#jcExpiresAt > :jcNow))' +
      ' AND (attribute_not_exists(#jcPolicy.#jcExpiresAt) OR #jcPolicy.#jcExpiresAt > :jcNow)' +
      // The limit the counters' condition states is the one in force.
      (maxUses == null ? ' AND attribute_not_exists(#jcPolicy.#jcMaxUses)' : ' AND #jcPolicy.#jcMaxUses = :jcMax'),
    names,
    values,
  };
  const oneUse: ItemPart = {
    set: ['codeUses = codeUses + :jcOne'],
    condition: maxUses == null ? 'attribute_exists(pk)' : 'codeUses < :jcMax',
    names: {},
    values: { ':jcOne': 1, ...(maxUses == null ? {} : { ':jcMax': maxUses }) },
  };
  const checked = mergedInto(items, organisationKey(org.id), redeemable, () => ({
    item: {
      ConditionCheck: {
        TableName: TABLE,
        Key: organisationKey(org.id),
        ConditionExpression: redeemable.condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    guard: GUARD.joinCodeRedeemable,
  }));
  return mergedInto(checked, organisationCountersKey(org.id), oneUse, () =>
    countersUpdate(
      org.id,
      { set: oneUse.set ?? [], conditions: maxUses == null ? [] : [oneUse.condition], values: oneUse.values },
      GUARD.joinCodeRedeemable,
    ),
  );
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
          UpdateExpression: 'SET #code = :new, updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND #code = :old',
          ExpressionAttributeNames: { '#code': 'code' },
          ExpressionAttributeValues: { ':new': newCode, ':old': oldCode, ':now': nowIso },
        },
      },
      guard: GUARD.joinCodeCurrent,
    },
    // A new code starts with no uses.
    countersUpdate(tenant.organisationId, { set: ['codeUses = :zero'], conditions: [], values: { ':zero': 0 } }, GUARD.joinCodeCurrent),
  ];
}
