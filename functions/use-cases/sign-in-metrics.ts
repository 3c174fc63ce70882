// Counts sign-ins for the SignInsSucceeded / SignInsFailed metrics: wrap the Cognito step of a sign-in route
// (POST /api/auth/login, /login/mfa) with countSignIn. A TOTP challenge is neither: its second step is counted.
import { emitMetric } from '#core/metrics';
import { Refusal } from '#domain/refusals';

export async function countSignIn<T>(attempt: Promise<T>): Promise<T> {
  try {
    const result = await attempt;
    if (!(typeof result === 'object' && result !== null && 'challenge' in result)) emitMetric('signInsSucceeded');
    return result;
  } catch (error) {
    // Refusals only (wrong password, pending membership, bad MFA code): a Cognito outage is a 5xx, alarmed as such.
    if (error instanceof Refusal) emitMetric('signInsFailed', 1, { problem: error.refusal });
    throw error;
  }
}
