// Normalisation used for uniqueness: organisation names compare trimmed, case-, accent- and look-alike-insensitively.
import { randomInt } from 'node:crypto';

/**
 * Cyrillic and Greek letters that look like a Latin letter, mapped to it (after Unicode TR39's confusables for these
 * scripts), so "Саbіnеt" in Cyrillic letters is the same name as "Cabinet". Capitals map to the capital they look
 * like (Н looks like H, while н does not look like h), before the key is lower-cased.
 */
const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic capitals
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Х: 'X',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
  Ү: 'Y',
  Ԛ: 'Q',
  Ԝ: 'W',
  Ӏ: 'l',
  Ь: 'b',
  Һ: 'h',
  Ԁ: 'd',
  // Cyrillic small letters
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  ү: 'y',
  ь: 'b',
  п: 'n',
  к: 'k',
  м: 'm',
  г: 'r',
  // Greek capitals
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  Ϲ: 'C',
  Ϳ: 'J',
  // Greek small letters
  α: 'a',
  ο: 'o',
  ρ: 'p',
  ν: 'v',
  ι: 'i',
  κ: 'k',
  υ: 'u',
  χ: 'x',
  ϲ: 'c',
  γ: 'y',
  ϳ: 'j',
  // Latin letters that pass for others
  ı: 'i',
  ȷ: 'j',
  ℓ: 'l',
};
const LOOK_ALIKE = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'gu');

/**
 * The uniqueness key of an organisation name (its skeleton): compatibility forms folded (NFKC: full-width letters
 * become plain ones), format characters (zero-width…) dropped, look-alike letters of other scripts mapped to the
 * Latin letter, accents removed, case folded, spaces collapsed.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .normalize('NFD')
    .replace(LOOK_ALIKE, (letter) => LOOK_ALIKES[letter] ?? letter)
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
