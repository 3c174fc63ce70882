// Identifier and secret generation from the platform CSPRNG.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { nowDate } from './clock.ts';

export const newId = (): string => randomUUID();

/** A 10-digit join code, leading zeros allowed: 10^10 possibilities. */
export const newJoinCode = (): string => String(randomInt(0, 100_000)).padStart(5, '0') + String(randomInt(0, 100_000)).padStart(5, '0');

/**
 * Seed 003's temporary clinic code after its three-letter `prefix`: 32 random bits in 8 hex digits and 4 random digits
 * (where the seed put the clock's last digits: nothing in it is predictable), about 45 bits in all.
 */
export const newTemporaryCode = (prefix: string): string =>
  `${prefix}-TEMP-${randomBytes(4).toString('hex').toUpperCase()}-${String(randomInt(0, 10_000)).padStart(4, '0')}`;

/** The current instant as ISO 8601, from the clock every rule reads (core/clock.ts). */
export const nowIso = (): string => nowDate().toISOString();

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let lastUlidMs = -1;
let lastUlidRandom: number[] = [];

/**
 * A ULID (26 characters, Crockford base 32): 48 bits of milliseconds then 80 random bits, so ids sort by creation
 * time as strings. Monotonic within a process: a second id in the same millisecond increments the random part.
 */
export function newUlid(ms: number = Date.now()): string {
  let random: number[];
  if (ms <= lastUlidMs && lastUlidRandom.length === 16) {
    ms = lastUlidMs;
    random = [...lastUlidRandom];
    for (let index = random.length - 1; index >= 0; index--) {
      random[index] = ((random[index] ?? 0) + 1) % 32;
      if (random[index] !== 0) break;
    }
  } else {
    random = Array.from(randomBytes(16), (byte) => byte % 32);
  }
  lastUlidMs = ms;
  lastUlidRandom = random;
  let time = '';
  let rest = ms;
  for (let index = 0; index < 10; index++) {
    time = CROCKFORD.charAt(rest % 32) + time;
    rest = Math.floor(rest / 32);
  }
  return time + random.map((digit) => CROCKFORD.charAt(digit)).join('');
}
