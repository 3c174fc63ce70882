// Verifies Cognito ID tokens: signature (JWKS), issuer, audience (app client), token_use and expiry.
// The JWKS is fetched with the platform fetch, so the same verifier serves Cognito (https) and cognito-local (http).
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { identityConfig as config, jwksUri } from '#core/identity-config';

const fetcher = {
  async fetch(uri: string): Promise<ArrayBuffer> {
    const response = await fetch(uri, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`JWKS fetch failed with HTTP ${response.status}`);
    return response.arrayBuffer();
  },
};

const verifier = JwtRsaVerifier.create(
  {
    issuer: config.TOKEN_ISSUER,
    audience: config.TOKEN_AUDIENCES,
    jwksUri,
    customJwtCheck: ({ payload }) => {
      // Only ID tokens carry the claims the pre-token-generation trigger adds (see README: tokens).
      if (payload.token_use !== 'id') throw new Error('Only ID tokens are accepted');
    },
  },
  { jwksCache: new SimpleJwksCache({ fetcher }) },
);

export interface IdTokenClaims {
  sub: string;
  exp: number;
  organisationId?: string;
  role?: string;
  username?: string;
  userId?: string;
}

/** Resolves the verified claims, or rejects for any invalid, tampered, foreign or expired token. */
export async function verifyIdToken(token: string): Promise<IdTokenClaims> {
  return (await verifier.verify(token)) as unknown as IdTokenClaims;
}
