// The signed-in person's profile: who they are (GET /api/auth/me) and what they say about themselves (PATCH).
import type { Organisation } from '#domain/organisation';
import { type Permission, permissionsOf } from '#domain/permissions';
import type { VerifiedUser } from '#domain/principal';
import * as refusals from '#domain/refusals';
import { PROFILE_FIELDS, type User } from '#domain/user';
import { GUARD } from '#repositories/guards';
import { getMembershipAccess } from '#repositories/organisations';
import { conditionFailed } from '#repositories/transactions';
import { getUser, listUserMemberships, updateProfile } from '#repositories/users';
import type { updateProfileBody } from '#schemas/account';
import type { Infer } from '#schemas/lazy';
import { changeEmailAddress } from './email-verification.ts';
import { organisationSummary } from './views.ts';

/** The profile as its owner sees it (every field, null where unset), with the token's organisation and role. */
export function profileView(user: User, membership: { organisationId: string; role: string } | null) {
  return {
    id: user.id,
    username: user.username,
    role: membership?.role ?? null,
    organisationId: membership?.organisationId ?? null,
    nom: user.nom,
    prenom: user.prenom,
    email: user.email ?? null,
    emailVerified: user.emailVerified === true,
    phone: user.phone ?? null,
    avatarUrl: user.avatarUrl ?? null,
    dateOfBirth: user.dateOfBirth ?? null,
    gender: user.gender ?? null,
    location: user.location ?? null,
    bio: user.bio ?? null,
    specialization: user.specialization ?? null,
    locale: user.locale ?? null,
    mfaEnabled: user.mfaEnabled === true,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
    lastLoginAt: user.lastLoginAt ?? null,
  };
}

/** Who the signed-in person is: their profile, and the token's organisation and membership while both are ACTIVE. */
export interface SignedInPerson {
  user: User;
  current?: { organisation: Organisation; role: string; permissions: ReadonlySet<Permission> };
}

/**
 * One strongly consistent read (the profile with the token's organisation and membership, or the profile alone). The
 * organisation is there while the membership and the organisation are ACTIVE.
 */
export async function signedInPerson(caller: VerifiedUser): Promise<SignedInPerson> {
  if (!caller.tokenOrganisationId) {
    const user = await getUser(caller.userId, { consistent: true });
    if (!user) throw refusals.profileNotFound();
    return { user };
  }
  const access = await getMembershipAccess(caller.tokenOrganisationId, caller.userId, { withProfile: true });
  const { user, organisation, membership } = access;
  if (!user) throw refusals.profileNotFound();
  if (organisation?.status !== 'ACTIVE' || membership?.status !== 'ACTIVE') return { user };
  return { user, current: { organisation, role: membership.role, permissions: permissionsOf(membership.role, access.customPermissions) } };
}

/** GET /api/auth/me: the profile, and the organisation shown while the membership and the organisation are ACTIVE. */
export async function me(caller: VerifiedUser) {
  const { user, current } = await signedInPerson(caller);
  if (!current) return { user: profileView(user, null), organisation: null, permissions: [] };
  return {
    user: profileView(user, { organisationId: current.organisation.id, role: current.role }),
    organisation: organisationSummary(current.organisation, user, current.permissions),
    permissions: [...current.permissions].sort(),
  };
}

/** Full name → nom and prénom, as registration splits it (first word: prénom). */
function namesOf(body: Infer<typeof updateProfileBody>): { nom?: string; prenom?: string } {
  if (body.fullName !== undefined) {
    const [first = '', ...rest] = body.fullName.trim().split(/\s+/);
    return rest.length ? { prenom: first, nom: rest.join(' ') } : { nom: first, prenom: '' };
  }
  return { ...(body.nom !== undefined ? { nom: body.nom } : {}), ...(body.prenom !== undefined ? { prenom: body.prenom } : {}) };
}

/**
 * PATCH /api/auth/me. A new address goes through changeEmailAddress first (unverified, a new link, the old proof
 * released; its own transaction), then the other fields in one transaction with the name copies the person's
 * memberships carry (member lists show them). A repeat of a half-applied request applies the rest.
 */
export async function updateMe(caller: VerifiedUser, body: Infer<typeof updateProfileBody>) {
  await changeProfile(caller, body);
  return me(caller);
}

/** PATCH /api/auth/me's change, without the answer (a dialect answers its own way). */
export async function changeProfile(caller: VerifiedUser, body: Infer<typeof updateProfileBody>): Promise<void> {
  const user = await getUser(caller.userId, { consistent: true });
  if (!user || user.deletingSince) throw refusals.profileNotFound();
  if (body.email !== undefined) await changeEmailAddress(user.id, body.email);
  const set: Record<string, unknown> = { ...namesOf(body) };
  const remove: string[] = [];
  for (const field of [...PROFILE_FIELDS, 'locale'] as const) {
    const value = body[field];
    if (value === null) remove.push(field);
    else if (value !== undefined) set[field] = value;
  }
  const renamed = (set.nom !== undefined && set.nom !== user.nom) || (set.prenom !== undefined && set.prenom !== user.prenom);
  if (Object.keys(set).length > 0 || remove.length > 0) {
    for (let attempt = 1; ; attempt++) {
      const memberships = renamed ? await listUserMemberships(user.id) : [];
      try {
        await updateProfile(user.id, { set, remove }, memberships);
        break;
      } catch (error) {
        // The profile went (an account deletion) between the read and the write.
        if (conditionFailed(error, GUARD.profile)) throw refusals.profileNotFound();
        // A membership left meanwhile: list them again.
        if (!conditionFailed(error, GUARD.member) || attempt >= 3) throw error;
      }
    }
  }
}
