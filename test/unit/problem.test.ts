import { describe, expect, it } from 'vitest';
import { ConflictError, UnauthorizedError } from '#core/errors';
import { internalError, problem } from '#http/problem';

describe('problem+json', () => {
  it('renders an HttpError as RFC 9457 with its field errors and headers', () => {
    const result = problem(new ConflictError('Taken.', [{ path: 'username', message: 'Username is already taken' }]), '/api/x');
    expect(result.statusCode).toBe(409);
    expect(result.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(result.body as string)).toEqual({
      type: 'urn:cabinet:problem:conflict',
      title: 'Conflict',
      status: 409,
      detail: 'Taken.',
      instance: '/api/x',
      errors: [{ path: 'username', message: 'Username is already taken' }],
    });
    expect(problem(new UnauthorizedError()).headers?.['www-authenticate']).toBe('Bearer');
  });

  it('never puts internal detail in a 500', () => {
    expect(JSON.parse(internalError().body as string)).toEqual({
      type: 'urn:cabinet:problem:internal-error',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred.',
    });
  });
});
