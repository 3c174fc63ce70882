// The public directory of organisations (domain/directory.ts; seed 002's registration dropdown): creating an
// organisation with a number, its founding roles and join policy; joining a listed one by its number; the public
// list; listing and unlisting. The rules of a join, a creation and an update stay those of registration.ts,
// register-cabinet.ts and organisation-update.ts: this module only adds the directory's items and conditions.
import { randomInt } from 'node:crypto';
import { type DirectoryEntry, drawOrganisationNumber, mayJoinAs, publicEntry } from '#domain/directory';
import type { Organisation } from '#domain/organisation';
import type { Permission } from '#domain/permissions';
import * as refusals from '#domain/refusals';
import type { TenantContext } from '#domain/tenant';
import {
  directoryPage,
  findNumbered,
  findOrganisationIdByNumber,
  getDirectoryEntry,
  listingItem,
  numberedItems,
  whileListedAndActive,
} from '#repositories/directory';
import { GUARD } from '#repositories/guards';
import { readOrganisation } from '#repositories/join-codes';
import { membershipConflict } from '#repositories/memberships';
import { foundingRoleItem, permissionsIn } from '#repositories/roles';
import { ConditionFailed, type NamedItem, transact } from '#repositories/transactions';
import { type Client, limitDirectory } from './abuse-limits.ts';
import type { RegisterOptions } from './register-cabinet.ts';
import type { Door } from './registration.ts';

/** A custom role the organisation is created with (seed 002's senior_lawyer, lawyer, paralegal, clerk). */
export interface FoundingRole {
  name: string;
  description: string;
  permissions: Permission[];
}

/** How a directory organisation starts: its custom roles, and the role its join policy grants (its ceiling). */
export interface DirectoryPolicy {
  roles: readonly FoundingRole[];
  joinRole: string;
}

/**
 * What a registration or a creation adds for a directory organisation: a number drawn from the CSPRNG (drawn again
 * when another organisation holds it), its guard and listed entry, the founding roles, and the join policy's role.
 * Nothing is read first: the creating transaction's guard is the only check.
 */
export function directoryOrganisation(policy: DirectoryPolicy): Pick<RegisterOptions, 'joinCode' | 'extras'> {
  return {
    joinCode: { role: policy.joinRole },
    extras: {
      retried: [GUARD.organisationNumber],
      prepare: () => {
        const number = drawOrganisationNumber(randomInt);
        return {
          fields: { number },
          items: (organisation: Organisation) => [
            ...numberedItems(organisation.id, organisation.nom, number),
            ...policy.roles.map((role) =>
              foundingRoleItem(organisation.id, {
                ...role,
                usageCount: 0,
                createdAt: organisation.createdAt,
                updatedAt: organisation.createdAt,
              }),
            ),
          ],
        };
      },
    },
  };
}

/**
 * The door of the listed organisation numbered `number`, for a new account asking for `requestedRole` (absent: the
 * join policy's role). An unknown, unlisted, suspended or deleted organisation is one 404; a role above the policy's,
 * 403. The join waits for approval when the policy says so; the membership commits only while the entry is listed and
 * the organisation ACTIVE.
 */
export async function doorByNumber(number: number, requestedRole: string | undefined): Promise<Door> {
  const found = await findNumbered(number);
  if (!found?.entry.listed || found.organisation.status !== 'ACTIVE') throw refusals.organisationNotFound({ joinCode: true });
  const org = found.organisation;
  const ceiling = org.joinCode.role;
  const role = requestedRole ?? ceiling;
  if (role !== ceiling) {
    const [allowed, asked] = await Promise.all([permissionsIn(org.id, ceiling), permissionsIn(org.id, role)]);
    if (!mayJoinAs(allowed, [...asked])) throw refusals.roleAboveJoinPolicy(role, ceiling);
  }
  return {
    org,
    grant: { role, requiresApproval: org.joinCode.requiresApproval },
    commit: async (items) => {
      try {
        await transact(whileListedAndActive(items, org.id));
      } catch (error) {
        await joinRefused(error, org.id);
      }
    },
  };
}

async function joinRefused(error: unknown, organisationId: string): Promise<never> {
  // A taken e-mail is withNewAccount's to answer.
  if (!(error instanceof ConditionFailed) || error.has(GUARD.username)) throw error;
  if (error.has(GUARD.directoryListed, GUARD.organisationActive)) throw refusals.organisationNotFound({ cause: error, joinCode: true });
  if (error.has(GUARD.seat)) {
    // The seat's condition carries the organisation's status too: tell them apart.
    const org = await readOrganisation(organisationId);
    if (org?.status !== 'ACTIVE') throw refusals.organisationNotFound({ cause: error, joinCode: true });
  }
  return membershipConflict(error);
}

/** GET the public directory: one page of listed organisations by number, names only; rate limited per client. */
export async function publicDirectory(client: Client, page: { limit: number; cursor?: string | undefined }) {
  await limitDirectory(client);
  const { items, nextCursor } = await directoryPage(page);
  return { items: items.map(publicEntry), nextCursor };
}

/**
 * The tenant organisation's entry when `number` is its number: another organisation's number, one nobody has, or an
 * organisation without a number (created elsewhere) is the same 404 (never 403: nothing tells them apart).
 */
export async function ownEntry(tenant: TenantContext, number: number): Promise<DirectoryEntry> {
  const entry = await getDirectoryEntry(tenant.organisationId);
  if (entry?.number !== number) throw refusals.organisationNotFound();
  return entry;
}

/** The organisation a number names (404 for none), for a use case that checks the caller itself (deleting). */
export async function organisationIdByNumber(number: number): Promise<string> {
  const organisationId = await findOrganisationIdByNumber(number);
  if (!organisationId) throw refusals.organisationNotFound();
  return organisationId;
}

/**
 * What listing or unlisting adds to an update of the organisation (its admins' PATCH, use-cases/organisations.ts):
 * the entry's change, and the audit entry's detail. Nothing when it already is as asked.
 */
export function listingChange(
  entry: DirectoryEntry,
  listed: boolean | undefined,
): { items: NamedItem[]; details: Record<string, unknown> } {
  if (listed === undefined || listed === entry.listed) return { items: [], details: {} };
  return { items: [listingItem(entry, listed)], details: { listed: { from: entry.listed, to: listed } } };
}
