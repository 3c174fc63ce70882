// What a membership change does to its organisation, as values: the counters it moves (memberCount, adminCount,
// a custom role's usageCount) and the invariants it must keep — a seat for a new ACTIVE member (memberCount <
// maxUsers), at least one ACTIVE ADMIN left (adminCount > 1 before one goes). repositories/memberships.ts turns an
// effect into the conditional updates of the change's transaction, so the database holds the rule atomically;
// admitted() states the same conditions over values, for use cases that explain a refusal and for unit tests.
import type { Membership, MembershipStatus } from './membership.ts';
import { isBuiltInRole } from './permissions.ts';

export interface OrganisationEffect {
  /** memberCount's change. */
  members: number;
  /** adminCount's change (ACTIVE ADMINs only). */
  admins: number;
  /** The change needs a free seat: memberCount < maxUsers before it. */
  takesSeat: boolean;
  /** The change takes away an ACTIVE ADMIN: another must remain (adminCount > 1 before it). */
  keepsAnAdmin: boolean;
  /** Custom roles whose usageCount moves (built-in roles have none); the role must still exist. */
  roles: ReadonlyArray<{ role: string; delta: 1 | -1 }>;
}

export const isActiveAdmin = (m: Pick<Membership, 'role' | 'status'>): boolean => m.role === 'ADMIN' && m.status === 'ACTIVE';

const usage = (role: string, delta: 1 | -1) => (isBuiltInRole(role) ? [] : [{ role, delta }]);

/** A new ACTIVE membership (or a PENDING one approved): one seat more, one ADMIN more if it is one. */
export function activationEffect(m: Pick<Membership, 'role'>): OrganisationEffect {
  const admin = isActiveAdmin({ role: m.role, status: 'ACTIVE' });
  return { members: 1, admins: admin ? 1 : 0, takesSeat: true, keepsAnAdmin: false, roles: usage(m.role, 1) };
}

/** A PENDING membership (a join request awaiting approval) takes no seat and moves no counter. */
export const PENDING_EFFECT: OrganisationEffect = { members: 0, admins: 0, takesSeat: false, keepsAnAdmin: false, roles: [] };

/**
 * A role and/or status change of an existing membership. Suspending keeps the seat (the member still counts); the
 * ADMIN count follows who is an ACTIVE ADMIN before and after.
 */
export function changeEffect(
  current: Pick<Membership, 'role' | 'status'>,
  next: { role?: string | undefined; status?: Extract<MembershipStatus, 'ACTIVE' | 'SUSPENDED'> | undefined },
): OrganisationEffect {
  const updated = { role: next.role ?? current.role, status: next.status ?? current.status };
  const admins = Number(isActiveAdmin(updated)) - Number(isActiveAdmin(current));
  const roles = updated.role === current.role ? [] : [...usage(current.role, -1), ...usage(updated.role, 1)];
  return { members: 0, admins, takesSeat: false, keepsAnAdmin: admins < 0, roles };
}

/** Removing a membership frees its seat unless it was PENDING (which held none). */
export function removalEffect(current: Pick<Membership, 'role' | 'status'>): OrganisationEffect {
  if (current.status === 'PENDING') return PENDING_EFFECT;
  const admin = isActiveAdmin(current);
  return { members: -1, admins: admin ? -1 : 0, takesSeat: false, keepsAnAdmin: admin, roles: usage(current.role, -1) };
}

/** Whether the organisation's counters move at all (a change between two non-admin roles moves none). */
export const movesOrganisation = (effect: OrganisationEffect): boolean =>
  effect.members !== 0 || effect.admins !== 0 || effect.takesSeat || effect.keepsAnAdmin;

export interface OrganisationCounters {
  status: string;
  memberCount: number;
  maxUsers: number;
  adminCount: number;
}

export type MembershipChangeRefusal = 'organisation-inactive' | 'organisation-full' | 'last-admin';

/**
 * The conditions the transaction states, over values: undefined when `org` admits the effect. `organisationActive`:
 * the change also requires the organisation ACTIVE (a join, an acceptance).
 */
export function admitted(
  org: OrganisationCounters,
  effect: OrganisationEffect,
  options: { organisationActive?: boolean } = {},
): MembershipChangeRefusal | undefined {
  if (options.organisationActive && org.status !== 'ACTIVE') return 'organisation-inactive';
  if (effect.takesSeat && !(org.memberCount < org.maxUsers)) return 'organisation-full';
  if (effect.keepsAnAdmin && !(org.adminCount > 1)) return 'last-admin';
  return undefined;
}

/** The counters after an admitted effect. */
export const applied = <O extends OrganisationCounters>(org: O, effect: OrganisationEffect): O => ({
  ...org,
  memberCount: org.memberCount + effect.members,
  adminCount: org.adminCount + effect.admins,
});
