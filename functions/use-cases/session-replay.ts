// A replayed registration (Idempotency-Key, functions/http/idempotency.ts) answers fresh tokens instead of the
// first ones, which are never stored: a sign-in with the retried request's own credentials, recorded as a session
// like any other (so signing out ends it too).
import type { Tokens } from '#adapters/cognito';
import { signInNewAccount } from './signed-in.ts';

export const freshTokens = (username: string, password: string): Promise<Tokens> => signInNewAccount(username, password);
