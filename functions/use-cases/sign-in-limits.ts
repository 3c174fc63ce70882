// The hook through which password re-confirmations count toward the sign-in limits (issue 7 item 5).
//
// TODO(lead, abuse limits): wire the sign-in back-off counter in here. Every place that checks a password outside
// POST /api/auth/login calls this after a wrong one: POST /api/auth/password (wrong currentPassword), DELETE
// /api/auth/me, and the MFA enrolment routes (POST /api/auth/mfa/totp, …/verify, DELETE …/totp). Until then it
// records nothing: those routes are signed in (a token is needed before any password is tried), which bounds who can
// guess, but not how often.
import type { Client } from './registration.ts';

/** A wrong password for `username`, typed by `client`, on a route other than the sign-in itself. */
export async function recordFailedSignIn(_username: string, _client: Client): Promise<void> {}
