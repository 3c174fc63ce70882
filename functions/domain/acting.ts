// The one rule that decides whether a person may act with a membership's permissions: an ACTIVE membership, and the
// organisation's MFA requirement met. Every route that uses a permission goes through it — the member middleware,
// and the user routes that act with an organisation's permissions (deleting it, listing it with its join code,
// switching into it) — and every answer that may reveal what a permission shows (the join code, the record) asks it.
import type { MembershipStatus } from './membership.ts';
import type { Permission } from './permissions.ts';
import * as refusals from './refusals.ts';

/** A person's standing in one organisation, as read from the live membership, organisation and profile. */
export interface Standing {
  status: MembershipStatus;
  /** What the membership's role gives (permissionsOf(role, customPermissions)). */
  permissions: ReadonlySet<Permission>;
  /** The organisation requires its members to sign in with MFA (absent: it does not). */
  mfaRequired?: boolean | undefined;
  /** The person turned TOTP MFA on (their profile's mfaEnabled). */
  mfaEnabled?: boolean | undefined;
}

export type Acting =
  | { may: true; permissions: ReadonlySet<Permission> }
  | { may: false; reason: 'membership-inactive' | 'mfa-required'; permissions: ReadonlySet<Permission> };

/** The standing of `user` in `org` through a membership of `status` whose role gives `permissions`. */
export const standingIn = (
  org: { mfaRequired?: boolean | undefined },
  user: { mfaEnabled?: boolean | undefined } | undefined,
  status: MembershipStatus,
  permissions: ReadonlySet<Permission>,
): Standing => ({ status, permissions, mfaRequired: org.mfaRequired === true, mfaEnabled: user?.mfaEnabled === true });

const NONE: ReadonlySet<Permission> = new Set();

/** The organisation's MFA requirement is met: it requires none, or the person turned MFA on. */
export const meetsMfa = (org: { mfaRequired?: boolean | undefined }, user: { mfaEnabled?: boolean | undefined } | undefined): boolean =>
  org.mfaRequired !== true || user?.mfaEnabled === true;

/** May the person act with this membership's permissions? When not, they act with none. */
export function acting(standing: Standing): Acting {
  if (standing.status !== 'ACTIVE') return { may: false, reason: 'membership-inactive', permissions: NONE };
  if (!meetsMfa(standing, standing)) return { may: false, reason: 'mfa-required', permissions: NONE };
  return { may: true, permissions: standing.permissions };
}

/** The permissions to act with, or the refusal (403 mfa-required, 401 membership-inactive). */
export function actingOrRefuse(standing: Standing): ReadonlySet<Permission> {
  const outcome = acting(standing);
  if (!outcome.may) throw outcome.reason === 'mfa-required' ? refusals.mfaRequired('byOrganisation') : refusals.membershipInactive();
  return outcome.permissions;
}
