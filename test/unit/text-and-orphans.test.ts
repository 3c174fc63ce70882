// Free text that is what it looks like (domain/text.ts), and when a Cognito user is an orphan (domain/orphans.ts).
import { describe, expect, it } from 'vitest';
import { isOrphan } from '#domain/orphans';
import { normaliseText, textFaults } from '#domain/text';

describe('textFaults', () => {
  it('accepts ordinary text, accents and emoji included', () => {
    expect(textFaults('Cabinet Dr Müller — ophtalmologie 👁️')).toEqual([]);
  });

  it.each([
    ['a control character', 'a\u0007b', 'control'],
    ['a bidirectional override', 'abc\u202Edef', 'bidi'],
    ['a zero-width space', 'ad\u200Bmin', 'zero-width'],
    ['a byte-order mark', '\uFEFFname', 'zero-width'],
    ['a newline in a single-line field', 'two\nlines', 'newline'],
  ])('refuses %s', (_, value, fault) => {
    expect(textFaults(value)).toContain(fault);
  });

  it('allows newlines where the field is multi-line, but still no control character', () => {
    expect(textFaults('two\nlines', { multiline: true })).toEqual([]);
    expect(textFaults('two\nlines\u0000', { multiline: true })).toEqual(['control']);
  });

  it('reports a lone surrogate alone (nothing else about such a string can be trusted)', () => {
    expect(textFaults('abc\uD800\u200B')).toEqual(['lone-surrogate']);
  });

  it('normalises compatibility forms and CRLF', () => {
    expect(normaliseText('Ｃａｂｉｎｅｔ')).toBe('Cabinet');
    expect(normaliseText('a\r\nb\rc')).toBe('a\nb\nc');
  });
});

describe('isOrphan', () => {
  const now = new Date('2026-12-07T10:00:00.000Z');
  const account = (ageSeconds: number) => ({ username: 'amina', sub: 'sub-1', createdAt: new Date(now.getTime() - ageSeconds * 1000) });

  it('a Cognito user whose username has no account, old enough, is an orphan', () => {
    expect(isOrphan(account(60), undefined, now, 60)).toBe(true);
  });

  it('a younger one may be a registration still under way: not yet', () => {
    expect(isOrphan(account(59), undefined, now, 60)).toBe(false);
  });

  it('a user the username guard names is a real account, however old', () => {
    expect(isOrphan(account(86_400), 'sub-1', now, 60)).toBe(false);
  });

  it('a user whose username now belongs to another account is an orphan (the guard names someone else)', () => {
    expect(isOrphan(account(120), 'sub-2', now, 60)).toBe(true);
  });
});
