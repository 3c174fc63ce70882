// Seed 003's temporary clinic code (`XXX-TEMP-XXXXXXXX-XXXX`): a second join code an organisation holds for a while
// after the platform created it, which opens the same door as its permanent 10-digit code until it expires.

/** Prefix, literal TEMP, 8 hex digits and 4 digits, as the seed writes it (upper case). */
export const TEMPORARY_CODE_PATTERN = /^[A-Z]{3}-TEMP-[0-9A-F]{8}-[0-9]{4}$/;

export const TEMPORARY_CODE_MESSAGE = 'Code must look like ABC-TEMP-1A2B3C4D-1234';

/** Seed 003's words when register-request names no clinic code (its "Code clinique requis"). */
export const CLINIC_CODE_REQUIRED = 'Le code clinique est requis';

/** How long a temporary code is valid by default (the seed's 72 hours), and at most. */
export const TEMPORARY_CODE_HOURS = { default: 72, max: 720 } as const;

/** A temporary code and when it stops working. */
export interface TemporaryCode {
  code: string;
  /** ISO time after which the code is refused. */
  expiresAt: string;
}

/**
 * The code's first three letters: the clinic's name with accents folded, letters only, upper case, padded with X
 * (the seed's rule, which dropped accented letters: "Étoile" gives "ETO" here, "TOI" there).
 */
export const temporaryCodePrefix = (clinicName: string): string =>
  clinicName
    .normalize('NFD')
    .replace(/[^a-zA-Z]/g, '')
    .toUpperCase()
    .slice(0, 3)
    .padEnd(3, 'X');

/** A code as a person types it: surrounding spaces dropped, upper-cased (the seed compared `clinicCode.toUpperCase()`). */
export const normaliseTemporaryCode = (typed: string): string => typed.trim().toUpperCase();

export const isTemporaryCode = (code: string): boolean => TEMPORARY_CODE_PATTERN.test(code);

/** Whether `temporary` lets someone in with `code` at `now` (the organisation's own join-code policy applies too). */
export const temporaryCodeOpens = (temporary: TemporaryCode | undefined, code: string, now: Date): boolean =>
  temporary !== undefined && temporary.code === code && new Date(temporary.expiresAt) > now;
