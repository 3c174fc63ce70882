// Text that is what it looks like. Free text is NFKC-normalised (full-width and compatibility forms become their
// plain letters) and may not carry characters that change how it reads: control characters (a newline in
// multi-line fields aside), bidirectional controls, zero-width characters, and lone surrogates (which make the
// JSON that carries them unparseable for strict clients).

// C0 and C1 controls and DEL (Unicode category Cc); the newline is tested apart (multi-line fields allow it).
const CONTROL = /(?!\n)\p{Cc}/u;
// Arabic letter mark, LRM/RLM, embeddings and overrides (LRE…RLO), isolates (LRI…PDI).
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
// Zero-width space/non-joiner/joiner, word joiner, invisible operators, Mongolian vowel separator, BOM.
const ZERO_WIDTH = /[\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/u;

export type TextFault = 'lone-surrogate' | 'control' | 'newline' | 'bidi' | 'zero-width';

/** Everything that makes `value` unacceptable as free text (none when it is acceptable). */
export function textFaults(value: string, options: { multiline?: boolean } = {}): TextFault[] {
  if (!value.isWellFormed()) return ['lone-surrogate'];
  const faults: TextFault[] = [];
  if (!options.multiline && value.includes('\n')) faults.push('newline');
  if (CONTROL.test(value)) faults.push('control');
  if (BIDI.test(value)) faults.push('bidi');
  if (ZERO_WIDTH.test(value)) faults.push('zero-width');
  return faults;
}

export const TEXT_FAULTS: readonly TextFault[] = ['lone-surrogate', 'newline', 'control', 'bidi', 'zero-width'];

/** NFKC, and CRLF → LF so a browser's multi-line text is stored one way. */
export const normaliseText = (value: string): string => (value.isWellFormed() ? value.normalize('NFKC') : value).replace(/\r\n?/g, '\n');

export const TEXT_FAULT_RULE: Record<TextFault, string> = {
  'lone-surrogate': 'must be valid Unicode text (no lone surrogate)',
  control: 'must not contain control characters',
  newline: 'must be a single line',
  bidi: 'must not contain bidirectional control characters',
  'zero-width': 'must not contain zero-width characters',
};
