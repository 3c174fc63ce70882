// Identifier and secret generation from the platform CSPRNG.
import { randomInt, randomUUID } from 'node:crypto';
import { nowDate } from './clock.ts';

export const newId = (): string => randomUUID();

/** A 10-digit join code, leading zeros allowed: 10^10 possibilities. */
export const newJoinCode = (): string => String(randomInt(0, 100_000)).padStart(5, '0') + String(randomInt(0, 100_000)).padStart(5, '0');

/** The current instant as ISO 8601, from the clock every rule reads (core/clock.ts). */
export const nowIso = (): string => nowDate().toISOString();
