// Cognito configuration: the user pool, the API app client, and what an accepted token must say.
import { env, readEnv } from './env.ts';

export const identityConfig = readEnv({
  AWS_REGION: env.text(),
  USER_POOL_ID: env.text(),
  USER_POOL_CLIENT_ID: env.text(),
  TOKEN_AUDIENCES: env.list(),
  TOKEN_ISSUER: env.url(),
  JWKS_URI: env.optional(env.url()),
  COGNITO_ENDPOINT: env.optional(env.url()),
});

export const jwksUri = identityConfig.JWKS_URI ?? `${identityConfig.TOKEN_ISSUER}/.well-known/jwks.json`;
