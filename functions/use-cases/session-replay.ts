// A replayed registration (Idempotency-Key, functions/http/idempotency.ts) answers the session anew: nothing of the
// first answer was stored. A sign-in with the retried request's own credentials, recorded as a session like any
// other (so signing out ends it too), answered as a sign-in answers it (the user and organisation as they now are).
import { passwordLogin } from '#adapters/cognito';
import { type SignedIn, sessionFor } from './session.ts';

export const freshSession = async (username: string, password: string): Promise<SignedIn> =>
  sessionFor(await passwordLogin(username, password), undefined);
