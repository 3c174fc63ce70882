// Membership changes as transaction items that keep the organisation's invariants in the same write, on its
// counters item: seats (memberCount < maxUsers), at least one ACTIVE ADMIN (adminCount); custom-role usage counts,
// and the membership's own expected state. Callers add their audit item and commit with transact().
import { TABLE } from '#adapters/dynamodb';
import { type Membership, type MembershipStatus, membershipItem, membershipKey, rosterItem, rosterKey } from '#domain/membership';
import { activationEffect, changeEffect, movesOrganisation, type OrganisationEffect, removalEffect } from '#domain/membership-change';
import { organisationKey } from '#domain/organisation';
import { MANAGEMENT_PERMISSIONS } from '#domain/permissions';
import * as refusals from '#domain/refusals';
import { roleKey } from '#domain/role';
import { GUARD } from './guards.ts';
import { countersUpdate } from './organisation-counters.ts';
import { ConditionFailed, type NamedItem } from './transactions.ts';

/**
 * The organisation's side of a membership change: its counters moved and its invariants stated as conditions on
 * its counters item (domain/membership-change.ts says which; admitted() is the same rule over values).
 */
const orgCounter = (organisationId: string, effect: OrganisationEffect): NamedItem => {
  const set: string[] = ['updatedAt = :now'];
  const conditions: string[] = [];
  const values: Record<string, unknown> = { ':now': new Date().toISOString() };
  if (effect.members) {
    set.push('memberCount = memberCount + :dm');
    values[':dm'] = effect.members;
  }
  if (effect.admins) {
    set.push('adminCount = adminCount + :da');
    values[':da'] = effect.admins;
  }
  if (effect.takesSeat) conditions.push('memberCount < maxUsers');
  if (effect.keepsAnAdmin) {
    conditions.push('adminCount > :one');
    values[':one'] = 1;
  }
  return countersUpdate(
    organisationId,
    { set, conditions, values },
    effect.takesSeat ? GUARD.seat : effect.keepsAnAdmin ? GUARD.lastAdmin : GUARD.organisation,
  );
};

/**
 * The organisation is ACTIVE: a ConditionCheck of its item, which the change does not write. It reports GUARD.seat,
 * as the seat does, so a refusal is told apart by reading the organisation.
 */
const organisationIsActive = (organisationId: string): NamedItem => ({
  item: {
    ConditionCheck: {
      TableName: TABLE,
      Key: organisationKey(organisationId),
      ConditionExpression: 'attribute_exists(pk) AND #orgStatus = :orgActive',
      ExpressionAttributeNames: { '#orgStatus': 'status' },
      ExpressionAttributeValues: { ':orgActive': 'ACTIVE' },
    },
  },
  guard: GUARD.seat,
});

// A role granted by a join code must hold no management permission when the membership is written, even if the
// role was edited after the code was configured (domain/join-code.ts codeMayGrant).
const WITHOUT_MANAGEMENT = MANAGEMENT_PERMISSIONS.map((_, index) => `NOT contains(#permissions, :mgmt${index})`).join(' AND ');
const MANAGEMENT_VALUES = Object.fromEntries(MANAGEMENT_PERMISSIONS.map((permission, index) => [`:mgmt${index}`, permission]));

/** The roster entry of an ACTIVE membership, put or deleted with it (domain/membership.ts). */
export const rosterPut = (m: Pick<Membership, 'organisationId' | 'role' | 'userId'>): NamedItem => ({
  item: { Put: { TableName: TABLE, Item: rosterItem(m) } },
});
const rosterDelete = (m: Pick<Membership, 'organisationId' | 'role' | 'userId'>): NamedItem => ({
  item: { Delete: { TableName: TABLE, Key: rosterKey(m.organisationId, m.role, m.userId) } },
});

const roleUsage = (organisationId: string, effect: OrganisationEffect, options: { byCode?: boolean } = {}): NamedItem[] =>
  effect.roles.map(({ role, delta }) => ({
    item: {
      Update: {
        TableName: TABLE,
        Key: roleKey(organisationId, role),
        UpdateExpression: 'ADD usageCount :d',
        ConditionExpression: options.byCode ? `attribute_exists(pk) AND ${WITHOUT_MANAGEMENT}` : 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':d': delta, ...(options.byCode ? MANAGEMENT_VALUES : {}) },
        ...(options.byCode ? { ExpressionAttributeNames: { '#permissions': 'permissions' } } : {}),
      },
    },
    guard: GUARD.role,
  }));

/**
 * A new ACTIVE membership (or a PENDING one becoming ACTIVE when `fromPending`): takes a seat. `byCode`: granted by a
 * join code, so a custom role must still hold no management permission. `organisationActive`: the organisation must be
 * ACTIVE too (merged into the seat's condition, so a refusal reports GUARD.seat: read the organisation to tell).
 */
export function activateMembership(
  m: Membership,
  options: { fromPending?: boolean; byCode?: boolean; organisationActive?: boolean } = {},
): NamedItem[] {
  const active: Membership = { ...m, status: 'ACTIVE' };
  const effect = activationEffect(active);
  return [
    {
      item: {
        Put: {
          TableName: TABLE,
          Item: membershipItem(active),
          ...(options.fromPending
            ? {
                ConditionExpression: '#status = :pending',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':pending': 'PENDING' },
              }
            : { ConditionExpression: 'attribute_not_exists(pk)' }),
        },
      },
      guard: options.fromPending ? GUARD.member : GUARD.newMember,
    },
    orgCounter(m.organisationId, effect),
    ...(options.organisationActive ? [organisationIsActive(m.organisationId)] : []),
    ...roleUsage(m.organisationId, effect, { byCode: options.byCode ?? false }),
    rosterPut(active),
  ];
}

/** A PENDING membership (join request awaiting approval): no seat, no token for that organisation. */
export function pendingMembership(m: Membership): NamedItem[] {
  return [
    {
      item: {
        Put: { TableName: TABLE, Item: membershipItem({ ...m, status: 'PENDING' }), ConditionExpression: 'attribute_not_exists(pk)' },
      },
      guard: GUARD.newMember,
    },
  ];
}

const expectState = (m: Membership) => ({
  ConditionExpression: '#role = :oldRole AND #status = :oldStatus',
  names: { '#role': 'role', '#status': 'status' },
  values: { ':oldRole': m.role, ':oldStatus': m.status },
});

/** Role and/or status change of an existing membership, guarded against concurrent changes and the last admin. */
export function changeMembership(
  current: Membership,
  next: { role?: string; status?: Extract<MembershipStatus, 'ACTIVE' | 'SUSPENDED'> },
): NamedItem[] {
  const updated = { ...current, role: next.role ?? current.role, status: next.status ?? current.status };
  const state = expectState(current);
  const effect = changeEffect(current, next);
  const items: NamedItem[] = [
    {
      item: {
        Update: {
          TableName: TABLE,
          Key: membershipKey(current.organisationId, current.userId),
          UpdateExpression: 'SET #role = :role, #status = :status, updatedAt = :now',
          ConditionExpression: state.ConditionExpression,
          ExpressionAttributeNames: state.names,
          ExpressionAttributeValues: {
            ...state.values,
            ':role': updated.role,
            ':status': updated.status,
            ':now': new Date().toISOString(),
          },
        },
      },
      guard: GUARD.member,
    },
  ];
  if (movesOrganisation(effect)) items.push(orgCounter(current.organisationId, effect));
  items.push(...roleUsage(current.organisationId, effect));
  const wasListed = current.status === 'ACTIVE';
  const isListed = updated.status === 'ACTIVE';
  if (wasListed && (!isListed || updated.role !== current.role)) items.push(rosterDelete(current));
  if (isListed && (!wasListed || updated.role !== current.role)) items.push(rosterPut(updated));
  return items;
}

/** Removes a membership (any state), freeing its seat unless it was PENDING. */
export function removeMembership(current: Membership): NamedItem[] {
  const state = expectState(current);
  const items: NamedItem[] = [
    {
      item: {
        Delete: {
          TableName: TABLE,
          Key: membershipKey(current.organisationId, current.userId),
          ConditionExpression: state.ConditionExpression,
          ExpressionAttributeNames: state.names,
          ExpressionAttributeValues: state.values,
        },
      },
      guard: GUARD.member,
    },
  ];
  const effect = removalEffect(current);
  if (movesOrganisation(effect)) items.push(orgCounter(current.organisationId, effect), ...roleUsage(current.organisationId, effect));
  if (current.status === 'ACTIVE') items.push(rosterDelete(current));
  return items;
}

/** Maps a refused membership transaction to the refusal the caller gets. */
export function membershipConflict(error: unknown): never {
  if (error instanceof ConditionFailed) {
    const because = { cause: error };
    if (error.has(GUARD.seat)) throw refusals.organisationFull(because);
    if (error.has(GUARD.lastAdmin)) throw refusals.lastAdmin(because);
    if (error.has(GUARD.role)) throw refusals.unknownRole(undefined, 'role', because);
    if (error.has(GUARD.newMember)) throw refusals.alreadyMember(because);
    if (error.has(GUARD.member)) throw refusals.membershipChanged(because);
    if (error.has(GUARD.organisation)) throw refusals.organisationNotFound(because);
  }
  throw error;
}
