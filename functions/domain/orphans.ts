// Orphan accounts: a Cognito user with no account in DynamoDB (no USERNAME# guard pointing at its sub), left when a
// function died between creating the user and committing the account's transaction (a timeout, an out-of-memory).
// It may also be a registration still under way, so it is an orphan only once it is older than the longest timeout
// of a function that creates accounts: by then the function that created it is certainly dead.

export interface CognitoAccount {
  username: string;
  sub: string;
  createdAt: Date;
}

/** The USERNAME# guard's user id for the account's username, when there is one. */
export function isOrphan(account: CognitoAccount, guardUserId: string | undefined, now: Date, minAgeSeconds: number): boolean {
  if (guardUserId === account.sub) return false;
  return now.getTime() - account.createdAt.getTime() >= minAgeSeconds * 1000;
}

/** Who the audit trail names for what the account sweeper does (no person did it). */
export const ACCOUNT_SWEEPER_ACTOR = 'system:account-sweeper';
