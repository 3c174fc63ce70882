import { describe, expect, it } from 'vitest';
import { Refusal } from '#domain/refusals';
import { internalError, problem } from '#http/problem';
import { PROBLEMS } from '#http/problems';

const bodyOf = (result: { body?: string }) => JSON.parse(result.body as string);

describe('problem+json', () => {
  it('renders a refusal as RFC 9457: its own problem type, the stable title, the detail and the field errors', () => {
    const refusal = new Refusal('username-taken', 'This username is already taken.', {
      fields: [{ path: 'username', message: 'Username is already taken' }],
    });
    const result = problem(refusal, '/api/x');
    expect(result.statusCode).toBe(409);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(bodyOf(result)).toEqual({
      type: 'urn:cabinet:problem:username-taken',
      title: 'Username taken',
      status: 409,
      detail: 'This username is already taken.',
      instance: '/api/x',
      errors: [{ path: 'username', message: 'Username is already taken' }],
    });
  });

  it('adds the headers a refusal implies: WWW-Authenticate on 401, Retry-After, Allow', () => {
    expect(problem(new Refusal('missing-token', 'A token is required.')).headers?.['www-authenticate']).toBe('Bearer');
    expect(problem(new Refusal('invalid-credentials', 'No.')).headers?.['www-authenticate']).toBe('Bearer');
    expect(problem(new Refusal('permission-denied', 'No.')).headers?.['www-authenticate']).toBeUndefined();
    expect(problem(new Refusal('too-many-requests', 'Slow down.', { retryAfterSeconds: 42 })).headers?.['retry-after']).toBe('42');
    const notAllowed = problem(new Refusal('method-not-allowed', 'No.', { allowedMethods: ['GET', 'PATCH'] }));
    expect(notAllowed.statusCode).toBe(405);
    expect(notAllowed.headers?.allow).toBe('GET, PATCH');
  });

  it('gives every refusal of the vocabulary a distinct title and an error status', () => {
    const entries = Object.entries(PROBLEMS);
    expect(entries.length).toBeGreaterThan(60);
    for (const [name, { status, title }] of entries) {
      expect(name, name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(status, name).toBeGreaterThanOrEqual(400);
      expect(status, name).toBeLessThan(600);
      expect(title.length, name).toBeGreaterThan(3);
    }
    expect(new Set(entries.map(([, { title }]) => title)).size).toBe(entries.length);
  });

  it('never puts internal detail in a 500', () => {
    expect(bodyOf(internalError())).toEqual({
      type: 'urn:cabinet:problem:internal-error',
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred.',
    });
  });

  it('keeps the cause of a wrapped error without showing it', () => {
    const cause = new Error('ConditionalCheckFailed on USERNAME#x');
    const refusal = new Refusal('username-taken', 'This username is already taken.', {}, { cause });
    expect(refusal.cause).toBe(cause);
    expect(problem(refusal).body).not.toContain('ConditionalCheckFailed');
  });
});
