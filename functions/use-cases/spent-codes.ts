// TOTP codes the API passes on to Cognito are accepted once per step (issue 15): cognito-local takes a code again
// within its window, and the API must not depend on Cognito refusing a replay.
import * as refusals from '#domain/refusals';
import { claimCode } from '#repositories/mfa-codes';

/**
 * A code is accepted once: the first request to pass it on claims it (USER#<id> / MFA_CODE#…, 90 s), a replay within
 * its step is refused, as a wrong code is (the caller counts it under the sign-in limits).
 */
export async function spendCode(userId: string, code: string): Promise<void> {
  if (await claimCode(userId, code)) return;
  throw refusals.mfaCodeUsed();
}
