// Verifies Cognito ID tokens: signature (JWKS), issuer, audience (app client), token_use and expiry.
// The JWKS is fetched with the platform fetch, so the same verifier serves Cognito (https) and cognito-local (http).
// Subpath imports: the package index also loads the Cognito and ALB verifiers, which a bundle would keep.
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { JwtVerifier } from 'aws-jwt-verify/jwt-verifier';
import { identityConfig as config, jwksUri } from '#core/identity-config';

const fetcher = {
  async fetch(uri: string): Promise<ArrayBuffer> {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`JWKS fetch failed with HTTP ${response.status}`);
    return response.arrayBuffer();
  },
};

const verifier = JwtVerifier.create(
  {
    issuer: config.TOKEN_ISSUER,
    audience: config.TOKEN_AUDIENCES,
    jwksUri,
    customJwtCheck: ({ payload }) => {
      // Only ID tokens carry the claims the pre-token-generation trigger adds (docs/security.md: tokens and isolation).
      if (payload.token_use !== 'id') throw new Error('Only ID tokens are accepted');
      // aws-jwt-verify checks exp only when present: a token that never expires is never accepted.
      if (typeof payload.exp !== 'number') throw new Error('A token must carry its expiry (exp)');
    },
  },
  { jwksCache: new SimpleJwksCache({ fetcher }) },
);

export interface IdTokenClaims {
  sub: string;
  exp: number;
  iat?: number;
  /** The app client the token was issued to (api or web). */
  aud: string;
  jti?: string;
  /** When the person authenticated (deployed Cognito keeps it for the whole session; cognito-local does not). */
  auth_time?: number;
  /** Deployed Cognito's id of the session, the same across refreshes (revocation; absent in cognito-local). */
  origin_jti?: string;
  'cognito:username'?: string;
  organisationId?: string;
  role?: string;
  username?: string;
  userId?: string;
  /** Issuance in milliseconds, from the pre-token trigger (domain/session.ts). */
  issuedAtMs?: string;
}

// Verified tokens, by their exact text (signature included), until they expire: a client sends the same token
// many times, and re-checking its RSA signature each time is the costliest step of a cached-membership request.
const verified = new Map<string, IdTokenClaims>();
const MAX_VERIFIED = 1000;

/** Resolves the verified claims, or rejects for any invalid, tampered, foreign or expired token. */
export async function verifyIdToken(token: string): Promise<IdTokenClaims> {
  const now = Date.now() / 1000;
  const hit = verified.get(token);
  if (hit && hit.exp > now) return hit;
  if (hit) verified.delete(token);
  const claims = (await verifier.verify(token)) as unknown as IdTokenClaims;
  if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value as string);
  verified.set(token, claims);
  return claims;
}
