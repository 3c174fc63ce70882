// A verified caller without an organisation context: a token's subject (for 'user', 'optionalUser' and
// 'superAdmin' routes). Produced only by the auth middleware.
declare const verifiedBrand: unique symbol;

export interface VerifiedUser {
  readonly userId: string;
  readonly username: string;
  /** The organisation the token was issued for, if any (informational: never used to address data). */
  readonly tokenOrganisationId?: string;
  /** The app client the token was issued to: a refresh or sign-out goes through the same client. */
  readonly clientId: string;
  /** The token's own id and expiry (epoch s): signing out revokes it too. */
  readonly tokenId?: string;
  readonly tokenExpiresAt: number;
  /** The profile's mfaEnabled, from the same cached read as the revocation check (an organisation's MFA rule). */
  readonly mfaEnabled: boolean;
  readonly [verifiedBrand]: true;
}

export function verifiedUser(fields: Omit<VerifiedUser, typeof verifiedBrand>): VerifiedUser {
  return Object.freeze({ ...fields }) as VerifiedUser;
}

/**
 * Who is asking, as far as abuse limits go: the source address API Gateway saw (requestContext.http.sourceIp), set
 * by the pipeline for every request. No forwarding header is ever read: a client could write any of them.
 */
export interface Client {
  readonly sourceIp: string;
  /** The User-Agent header as sent (a session records the device it began from; never used to decide anything). */
  readonly userAgent?: string | undefined;
}
