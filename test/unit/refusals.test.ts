// The refusal catalogue (functions/domain/refusals.ts): every name has its entry, its example, and an example that
// its own constructor builds; a refusal without a cause carries none.
import { describe, expect, it } from 'vitest';
import * as refusals from '#domain/refusals';
import { REFUSAL_EXAMPLES, REFUSALS, type RefusalName } from '#domain/refusals';

describe('the refusal catalogue', () => {
  it('has an example for every refusal, built with that very name, its status a client or server error', () => {
    for (const [name, example] of Object.entries(REFUSAL_EXAMPLES) as [RefusalName, () => refusals.Refusal][]) {
      const refusal = example();
      expect(refusal.refusal, name).toBe(name);
      expect(refusal.message.length, name).toBeGreaterThan(0);
      expect(REFUSALS[name].status, name).toBeGreaterThanOrEqual(400);
    }
    expect(Object.keys(REFUSAL_EXAMPLES).sort()).toEqual(Object.keys(REFUSALS).sort());
  });

  it('has one constructor per refusal, named after it', () => {
    const camel = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
    for (const name of Object.keys(REFUSALS)) expect(typeof (refusals as Record<string, unknown>)[camel(name)], name).toBe('function');
  });

  it('keeps a cause when given one and adds none otherwise', () => {
    const cause = new Error('condition failed');
    expect(refusals.organisationNotFound({ cause }).cause).toBe(cause);
    expect('cause' in refusals.organisationNotFound()).toBe(false);
    expect('cause' in refusals.organisationNotFound({ cause: undefined })).toBe(false);
  });

  it('says each variant as the answers always did', () => {
    expect(refusals.organisationNotFound({ joinCode: true }).message).toBe('Organisation not found');
    expect(refusals.organisationStatusConflict('ACTIVE', 'ACTIVE').message).toBe('The organisation is already active.');
    expect(refusals.organisationStatusConflict('DELETING', 'SUSPENDED').message).toBe(
      'The organisation cannot change status while DELETING.',
    );
    expect(refusals.mfaCodeMismatch('enrolment', { withField: false }).details).toEqual({});
    expect(refusals.unknownRole('NURSE', 'roles.0').details.fields).toEqual([{ path: 'roles.0', message: 'Unknown role: NURSE' }]);
    expect(refusals.methodNotAllowed(['GET', 'PATCH'])).toMatchObject({
      message: 'Allowed methods: GET, PATCH.',
      details: { allowedMethods: ['GET', 'PATCH'] },
    });
  });
});
