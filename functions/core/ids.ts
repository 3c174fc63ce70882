// Identifier and secret generation from the platform CSPRNG.
import { randomInt, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

/** A 10-digit join code, leading zeros allowed: 10^10 possibilities. */
export const newJoinCode = (): string => String(randomInt(0, 100_000)).padStart(5, '0') + String(randomInt(0, 100_000)).padStart(5, '0');

export const nowIso = (): string => new Date().toISOString();
