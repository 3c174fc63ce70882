// Cognito configuration: the user pool, the API app client, and what an accepted token must say.
import * as z from 'zod/mini';
import { parseEnv } from './env.ts';

const commaList = z.pipe(
  z.string().check(z.minLength(1)),
  z.transform((value: string) => value.split(',').map((item) => item.trim()).filter(Boolean)),
);

export const identityConfig = parseEnv(
  z.object({
    AWS_REGION: z.string().check(z.minLength(1)),
    USER_POOL_ID: z.string().check(z.minLength(1)),
    USER_POOL_CLIENT_ID: z.string().check(z.minLength(1)),
    TOKEN_AUDIENCES: commaList,
    TOKEN_ISSUER: z.url(),
    JWKS_URI: z.optional(z.url()),
    COGNITO_ENDPOINT: z.optional(z.url()),
  }),
);

export const jwksUri = identityConfig.JWKS_URI ?? `${identityConfig.TOKEN_ISSUER}/.well-known/jwks.json`;
