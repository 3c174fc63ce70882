import { describe, expect, it } from 'vitest';
import { isRefusal } from '#domain/refusals';
import { parseWith } from '#http/validation';
import { registerCabinetBody } from '#schemas/auth';
import { password } from '#schemas/common';
import { updatePatientBody } from '#schemas/patients';

const errorsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (isRefusal(error, 'validation-error')) return error.details.fields ?? [];
    throw error;
  }
  return [];
};

describe('password policy (same as the user pool)', () => {
  it.each([
    ['Cassius2025!', []],
    ['Cassius20255', ['Password must contain a symbol']],
    ['cassius2025!x', ['Password must contain an uppercase letter']],
    ['CASSIUS2025!X', ['Password must contain a lowercase letter']],
    ['Cassius-Bien!', ['Password must contain a digit']],
    ['Cas2025!', ['Password must be at least 12 characters']],
  ])('%s → %j', (value, messages) => {
    expect(errorsOf(() => parseWith(password(), value, 'password')).map((e) => e.message)).toEqual(messages);
  });
});

describe('registerCabinetBody', () => {
  it('normalises the username to trimmed lower case and trims names', () => {
    const parsed = parseWith(registerCabinetBody(), {
      organisationName: '  Cabinet Dr Martin ',
      username: ' Dr.Martin ',
      password: 'Cassius2025!',
      nom: ' Martin',
      prenom: 'Jean ',
    });
    expect(parsed).toEqual({
      organisationName: 'Cabinet Dr Martin',
      username: 'dr.martin',
      password: 'Cassius2025!',
      nom: 'Martin',
      prenom: 'Jean',
    });
  });

  it('names each unknown field', () => {
    const errors = errorsOf(() =>
      parseWith(registerCabinetBody(), {
        organisationName: 'Cab',
        username: 'abc',
        password: 'Cassius2025!',
        nom: 'a',
        prenom: 'b',
        organisationId: 'x',
        role: 'SUPER',
      }),
    );
    expect(errors).toEqual([
      { path: 'organisationId', message: 'Unknown field' },
      { path: 'role', message: 'Unknown field' },
    ]);
  });
});

describe('updatePatientBody', () => {
  it('accepts null for optional fields only', () => {
    expect(parseWith(updatePatientBody(), { email: null })).toEqual({ email: null });
    expect(errorsOf(() => parseWith(updatePatientBody(), { nom: null }))).toHaveLength(1);
    expect(errorsOf(() => parseWith(updatePatientBody(), {}))).toEqual([{ path: '', message: 'At least one field must be given' }]);
  });
});

describe('field errors', () => {
  it('tells a missing field from a field of the wrong type', () => {
    const errors = errorsOf(() =>
      parseWith(registerCabinetBody(), { organisationName: 42, username: 'abc', password: 'Cassius2025!', nom: 'a' }),
    );
    expect(errors).toEqual([
      { path: 'organisationName', message: 'organisationName must be of type string' },
      { path: 'prenom', message: 'prenom is required' },
    ]);
  });
});
