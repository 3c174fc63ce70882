// Patient search keys (issue 20, the rules only: the index items are not written yet). A name is searched by prefix,
// case- and accent-insensitively: both the stored name and the query are folded the same way (searchFold). Each
// patient gets one index entry per name (family, given), kept beside the patient under the tenant's ORG# prefix:
//   pk  ORG#<orgId>#PNAME#<shard>    shard = the first SHARD_CHARS folded characters of the indexed name
//   sk  <folded family> <folded given>#<patientId>   (for the given-name entry: <folded given> <folded family>#<id>)
// A query of at least SHARD_CHARS characters reads exactly one shard, already sorted by name; a shorter one reads
// the shards it prefixes in order. Walking every shard in order lists the tenant sorted by name, because the shard
// is a prefix of the sort key. The hottest shard carries only the names that start with its two letters (a few per
// cent of a tenant), so one DynamoDB partition's 1,000 writes/s allows tens of thousands of patient writes/s per
// tenant (at 5 %: 1,000 / 0.05 = 20,000 writes/s).
import { organisationPk } from './keys.ts';

/** Characters of the folded name that pick its shard. */
export const SHARD_CHARS = 2;
/** A shard for names too short (or empty after folding) to have SHARD_CHARS characters. */
const SHORT_FILL = '_';

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

/** The shard of a folded name (its first SHARD_CHARS characters, padded when shorter). */
export const searchShard = (folded: string): string => folded.slice(0, SHARD_CHARS).padEnd(SHARD_CHARS, SHORT_FILL);

export const patientSearchPk = (organisationId: string, shard: string): string => `${organisationPk(organisationId)}#PNAME#${shard}`;

export interface SearchEntryKey {
  pk: string;
  sk: string;
}

/** The index entries of one patient: one by family name first, one by given name first (none for an empty name). */
export function patientSearchKeys(organisationId: string, patient: { id: string; nom: string; prenom: string }): SearchEntryKey[] {
  const family = searchFold(patient.nom);
  const given = searchFold(patient.prenom);
  const entries: SearchEntryKey[] = [];
  const add = (first: string, second: string) => {
    if (!first) return;
    const name = second ? `${first} ${second}` : first;
    entries.push({ pk: patientSearchPk(organisationId, searchShard(first)), sk: `${name}#${patient.id}` });
  };
  add(family, given);
  add(given, family);
  return entries;
}

/**
 * How a query is read: the shard(s) and the sort-key prefix (begins_with). Undefined for a query that folds to
 * nothing (only punctuation): the caller refuses it. A query shorter than SHARD_CHARS names the single shard of
 * that short name only; the caller also reads, in order, every shard the prefix begins (exact: false).
 */
export function searchPlan(organisationId: string, query: string): { prefix: string; pk: string; exact: boolean } | undefined {
  const prefix = searchFold(query);
  if (!prefix) return undefined;
  const exact = prefix.length >= SHARD_CHARS;
  return { prefix, pk: patientSearchPk(organisationId, searchShard(prefix)), exact };
}

/** The patient id of an index entry's sort key (after its last '#'). */
export const patientIdOfSearchSk = (sk: string): string => sk.slice(sk.lastIndexOf('#') + 1);
