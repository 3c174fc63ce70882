import { describe, expect, it } from 'vitest';
import { contractViolation } from '../support/contract.ts';

const problem = (name: string, status: number) => ({
  contentType: 'application/problem+json',
  status,
  body: { type: `urn:cabinet:problem:${name}`, title: 't', status, detail: 'd' },
});

describe('the integration tests’ contract check', () => {
  it('accepts a declared success body and a declared refusal', () => {
    expect(
      contractViolation({ method: 'GET', path: '/api/health', status: 200, contentType: 'application/json', body: { status: 'ok' } }),
    ).toBeUndefined();
    expect(contractViolation({ method: 'GET', path: '/api/patients/p1', ...problem('patient-not-found', 404) })).toBeUndefined();
    expect(contractViolation({ method: 'GET', path: '/api/nowhere', ...problem('route-not-found', 404) })).toBeUndefined();
  });

  it('reports an undocumented field, an undeclared status and an undeclared refusal', () => {
    const extra = { method: 'GET', path: '/api/health', status: 200, contentType: 'application/json', body: { status: 'ok', secret: 1 } };
    expect(contractViolation(extra)).toMatch(/does not match/);
    expect(contractViolation({ ...extra, status: 202, body: { status: 'ok' } })).toMatch(/status not declared/);
    expect(contractViolation({ method: 'GET', path: '/api/patients/p1', ...problem('organisation-full', 409) })).toMatch(
      /not declared by route getPatient/,
    );
  });

  it('reports a refusal under another status than the vocabulary’s, a name outside it and a non-problem error', () => {
    expect(contractViolation({ method: 'GET', path: '/api/patients/p1', ...problem('patient-not-found', 410) })).toMatch(/another status/);
    expect(contractViolation({ method: 'GET', path: '/api/patients/p1', ...problem('made-up', 404) })).toMatch(/not in the vocabulary/);
    expect(contractViolation({ method: 'GET', path: '/api/patients/p1', status: 404, contentType: 'text/plain', body: 'nope' })).toMatch(
      /answered text\/plain/,
    );
  });
});
