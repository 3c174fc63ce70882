// Patient search and the by-name order (issue 20). A name is searched by prefix, case- and accent-insensitively:
// the stored names and the query are folded the same way (searchFold). Each patient has index entries beside it,
// under the tenant's ORG# prefix, written in the same transaction as the patient:
//   pk  ORG#<orgId>#PNAME#F#<shard>   sk  <folded family> <folded given> #<patientId>   (every patient)
//   pk  ORG#<orgId>#PNAME#G#<shard>   sk  <folded given> <folded family> #<patientId>   (when there is a given name)
// The shard is a hash of the patient id (SEARCH_SHARDS of each kind), so the writes of one tenant spread evenly over
// 2 × SEARCH_SHARDS partition keys whatever the names are (a shard by name prefix would make "ma" or "de" hot), and
// every shard is sorted by name: a page is one Query per shard, merged (mergeNamePage). The arithmetic of the
// writes per tenant this allows is in docs/data-model.md.
import { organisationPk } from './keys.ts';
import { stableShard } from './shard.ts';

/** Partitions of each kind (family-first, given-first) per tenant. */
export const SEARCH_SHARDS = 4;

export type NameKind = 'F' | 'G';

/**
 * Folds a name or a query for comparison: NFKD, combining marks removed (é → e), ligatures spelt out (œ → oe,
 * æ → ae, ß → ss), lower case, every run of non-letters/digits (spaces, hyphens, apostrophes) one space, trimmed.
 */
export function searchFold(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The shard of a patient: FNV-1a of its id, modulo SEARCH_SHARDS (stable, so updates find the entries again). */
export const searchShard = (patientId: string): number => stableShard(patientId, SEARCH_SHARDS);

export const patientNamePk = (organisationId: string, kind: NameKind, shard: number): string =>
  `${organisationPk(organisationId)}#PNAME#${kind}#${shard}`;

/** Every index partition of a tenant (what an organisation's deletion purges besides its ORG# partition). */
export const patientNamePartitions = (organisationId: string): string[] =>
  (['F', 'G'] as const).flatMap((kind) => Array.from({ length: SEARCH_SHARDS }, (_, shard) => patientNamePk(organisationId, kind, shard)));

// " #" ends the name: a space sorts before any letter or digit and "#" before them too, so "durand claire" sorts
// before "durand claire marie" and "durand clairette" (a bare "#" would sort after the space of a longer name).
const NAME_END = ' #';

/** The sort key of a name entry: the folded names, then the id (unique, so two Durand Claire never collide). */
export const nameSortKey = (name: string, patientId: string): string => `${name}${NAME_END}${patientId}`;

/** Whether a cursor's position has the shape of a name sort key. */
export const isNamePosition = (position: string): boolean => position.includes(NAME_END) && !position.endsWith(NAME_END);

const joined = (first: string, second: string) => [first, second].filter(Boolean).join(' ');

export interface NameEntry {
  pk: string;
  sk: string;
  patientId: string;
  /** On a given-first entry: the family-first name, so a query matching both is answered once (mergeNamePage). */
  familyFirst?: string;
}

/** The index entries of one patient: family-first always, given-first when the given name folds to something. */
export function patientNameEntries(organisationId: string, patient: { id: string; nom: string; prenom: string }): NameEntry[] {
  const family = searchFold(patient.nom);
  const given = searchFold(patient.prenom);
  const shard = searchShard(patient.id);
  const familyFirst = joined(family, given);
  const entries: NameEntry[] = [
    { pk: patientNamePk(organisationId, 'F', shard), sk: nameSortKey(familyFirst, patient.id), patientId: patient.id },
  ];
  if (given) {
    entries.push({
      pk: patientNamePk(organisationId, 'G', shard),
      sk: nameSortKey(joined(given, family), patient.id),
      patientId: patient.id,
      familyFirst,
    });
  }
  return entries;
}

/** The item of an index entry. */
export const nameEntryItem = (entry: NameEntry): Record<string, unknown> => ({ ...entry, type: 'PatientName' });

/** Whether two versions of a patient have the same index entries (a change of case or accents alone may not). */
export const sameNameEntries = (a: { id: string; nom: string; prenom: string }, b: { id: string; nom: string; prenom: string }): boolean =>
  JSON.stringify(patientNameEntries('_', a)) === JSON.stringify(patientNameEntries('_', b));

export interface NamePlan {
  /** The folded query ('' for the by-name list). */
  prefix: string;
  /** The partitions to read, one Query each. */
  partitions: string[];
}

/**
 * The partitions a page reads: the family-first shards for the list sorted by name; for a query, the given-first
 * shards too. Undefined for a query that folds to nothing (only punctuation), which the caller refuses.
 */
export function namePlan(organisationId: string, query: string | undefined): NamePlan | undefined {
  const prefix = query === undefined ? '' : searchFold(query);
  if (query !== undefined && !prefix) return undefined;
  const kinds: NameKind[] = query === undefined ? ['F'] : ['F', 'G'];
  return {
    prefix,
    partitions: kinds.flatMap((kind) => Array.from({ length: SEARCH_SHARDS }, (_, shard) => patientNamePk(organisationId, kind, shard))),
  };
}

/** What one partition's Query gave: its entries in sort-key order, and whether it stopped before its end. */
export interface ShardRead {
  entries: { sk: string; patientId: string; familyFirst?: string }[];
  more: boolean;
}

/**
 * Merges the shards' reads into one page sorted by name. Entries are taken only up to the lowest last key of the
 * shards that have more (beyond it a shard not yet read could hold a smaller name); a given-first entry whose
 * family-first name also matches is dropped (the family-first entry answers it). `position` is where the next page
 * starts after (undefined at the end); it can lie on a dropped entry, so a page may be short yet have a next one.
 */
export function mergeNamePage(reads: ShardRead[], prefix: string, limit: number): { patientIds: string[]; position?: string } {
  const bounds = reads.filter((read) => read.more).map((read) => read.entries.at(-1)?.sk ?? '');
  const bound = bounds.sort()[0];
  const candidates = reads
    .flatMap((read) => read.entries)
    .filter((entry) => bound === undefined || entry.sk <= bound)
    .sort((a, b) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0));
  const patientIds: string[] = [];
  let position: string | undefined;
  let index = 0;
  for (; index < candidates.length && patientIds.length < limit; index++) {
    const entry = candidates[index] as (typeof candidates)[number];
    position = entry.sk;
    const answeredByFamily = entry.familyFirst !== undefined && prefix !== '' && entry.familyFirst.startsWith(prefix);
    if (!answeredByFamily && !patientIds.includes(entry.patientId)) patientIds.push(entry.patientId);
  }
  // The bound is itself a candidate, so having consumed every candidate means having reached it.
  const rest = index < candidates.length || bound !== undefined;
  if (!rest) return { patientIds };
  return position === undefined ? { patientIds } : { patientIds, position };
}

// The backfill of the index for patients written before it existed (use-cases/patient-search-backfill.ts): one job
// item per scope (every organisation, or one) holds the cursor: the last organisation walked completely (its GSI1 sort
// key), the organisation being walked and the last patient sort key done in it. Once walked, it stays as the record
// of what was done (status DONE): running it again does nothing until asked to start over.
//   pk BACKFILL#PATIENT_SEARCH#<ALL | ORG#<orgId>>   sk JOB
export interface SearchBackfillJob {
  scope: string;
  status: 'RUNNING' | 'DONE';
  startedAt: string;
  finishedAt?: string;
  organisationsAfter?: string;
  organisation?: string;
  organisationSk?: string;
  patientsAfter?: string;
  /** Patients read, and patients whose entries were missing (written). */
  patientsRead: number;
  patientsIndexed: number;
  /** Bumped by every checkpoint: a run writes only on the version it read, so two runs never both hold the job. */
  version: number;
}

export const searchBackfillScope = (organisationId?: string) => (organisationId ? organisationPk(organisationId) : 'ALL');
export const searchBackfillJobKey = (scope: string) => ({ pk: `BACKFILL#PATIENT_SEARCH#${scope}`, sk: 'JOB' });
