// A replayed registration (Idempotency-Key, functions/http/idempotency.ts) answers fresh tokens instead of the
// first ones, which are never stored: a sign-in with the retried request's own credentials, which writes nothing.
import { passwordLogin, type Tokens } from '#adapters/cognito';

export const freshTokens = (username: string, password: string): Promise<Tokens> => passwordLogin(username, password);
