// The public directory of organisations (seed 002's registration dropdown): an organisation created through that
// dialect gets a number unique on the platform and an entry, listed until its admins unlist it. Keys and rules only.
//   ORGNUMBER#<n> / GUARD        number → organisation id (a GetItem, never a Scan); unique by its conditional Put
// A number is drawn at random, not counted: a platform-wide counter would be one item every creation contends on (and
// reads first), and would tell anyone how many organisations there are. A drawn number another holds is retried.
//   ORG#<id> / DIRECTORY         the entry: number, name, listed; in GSI1 partition DIRECTORY only while listed
// Organisations created elsewhere have neither, so they are never listed and cannot be joined by number.

import { codeMayGrant } from './join-code.ts';
import { organisationPk } from './keys.ts';

export { organisationNumberGuardKey as numberGuardKey } from './organisation.ts';

import type { Permission } from './permissions.ts';
import { roleWithin } from './role-grants.ts';

export const DIRECTORY_GSI1PK = 'DIRECTORY';
export const DIRECTORY_SK = 'DIRECTORY';

/** The largest number: seed 002's ids are SQL INTEGER columns in its clients, so a number fits a signed 32-bit one. */
export const ORGANISATION_NUMBER_MAX = 2_147_483_647;

/**
 * A number for a new organisation from `random` (a uniform integer in [min, max), the CSPRNG's randomInt): 1 to
 * ORGANISATION_NUMBER_MAX. At 100,000 numbered organisations a draw collides with probability 1 in 21,000.
 */
export const drawOrganisationNumber = (random: (min: number, max: number) => number): number => random(1, ORGANISATION_NUMBER_MAX + 1);
export const directoryEntryKey = (organisationId: string) => ({ pk: organisationPk(organisationId), sk: DIRECTORY_SK });

/** The directory's sort key: the number, zero-padded so that the index orders numerically, then the id. */
export const directorySortKey = (number: number, organisationId: string) => `${String(number).padStart(12, '0')}#${organisationId}`;

/** The organisation id of a directory sort key, or undefined when it is not one (a forged cursor). */
export function organisationIdOfDirectoryKey(key: string): string | undefined {
  const match = /^\d{12}#([A-Za-z0-9-]{1,64})$/.exec(key);
  return match?.[1];
}

export interface DirectoryEntry {
  organisationId: string;
  number: number;
  nom: string;
  listed: boolean;
}

/** The item of an entry: in the DIRECTORY index partition only while listed (a sparse index). */
export const directoryEntryItem = (entry: DirectoryEntry) => ({
  ...directoryEntryKey(entry.organisationId),
  type: 'DirectoryEntry',
  ...entry,
  ...(entry.listed ? { gsi1pk: DIRECTORY_GSI1PK, gsi1sk: directorySortKey(entry.number, entry.organisationId) } : {}),
});

export const directoryEntryFromItem = (item: Record<string, unknown>): DirectoryEntry => ({
  organisationId: String(item.organisationId),
  number: Number(item.number),
  nom: String(item.nom),
  listed: item.listed === true,
});

/** What the public sees of a listed organisation: its number and its name, nothing else. */
export const publicEntry = (entry: DirectoryEntry) => ({ number: entry.number, nom: entry.nom });

/**
 * Joining by number under the organisation's join policy: the role asked for may not exceed the policy's role (the
 * ceiling, by permissions, as every grant is judged: role-grants.ts), and, like any role one gets by opening a door
 * anyone can find, holds no management permission (join-code.ts).
 */
export const mayJoinAs = (ceiling: ReadonlySet<Permission>, requested: readonly Permission[]): boolean =>
  roleWithin(ceiling, requested) && codeMayGrant(requested);
