import { describe, expect, it } from 'vitest';
import { secretHash } from '../../functions/adapters/secret-hash.ts';

describe('secretHash', () => {
  it("is Base64(HMAC-SHA256(client secret, username + client id)), Cognito's SECRET_HASH", () => {
    // Expected value computed independently (Python hmac/hashlib) from the formula Cognito documents.
    expect(secretHash('dr.martin', '2szltfihdcye6q79b2n7r8f9r', 'k7v2q9secret')).toBe('M5pNlHhGf69Px+WR7yUXmABPyBAIo9YVEQeUAVq04ko=');
  });

  it('names the user: another username gives another hash', () => {
    expect(secretHash('dr.bernard', '2szltfihdcye6q79b2n7r8f9r', 'k7v2q9secret')).not.toBe(
      secretHash('dr.martin', '2szltfihdcye6q79b2n7r8f9r', 'k7v2q9secret'),
    );
  });
});
