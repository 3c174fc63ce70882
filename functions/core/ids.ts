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
