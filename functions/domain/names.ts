// Normalisation used for uniqueness: organisation names compare trimmed, case- and accent-insensitively.
import { randomInt } from 'node:crypto';

export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function slugify(name: string): string {
  return nameKey(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}

/** The slug of a name, or 'organisation' for a name with no letter or digit. */
export const slugBase = (name: string): string => slugify(name) || 'organisation';

/** The slug tried for a name: the plain slug first, then (after a collision) with a random 4-digit suffix. */
export const slugCandidate = (name: string, attempt: number): string =>
  attempt === 0 ? slugBase(name) : `${slugBase(name)}-${String(randomInt(0, 10_000)).padStart(4, '0')}`;

export type PersonNames = { fullName?: string | undefined; nom?: string | undefined; prenom?: string | undefined };

/** "Jean Pierre Martin" → prénom "Jean", nom "Pierre Martin"; a single word is the nom (no prénom). */
export function splitName(names: PersonNames): { nom: string; prenom: string } {
  if (names.fullName === undefined) return { nom: names.nom ?? '', prenom: names.prenom ?? '' };
  const [first = '', ...rest] = names.fullName.trim().split(/\s+/);
  return rest.length ? { prenom: first, nom: rest.join(' ') } : { nom: first, prenom: '' };
}
