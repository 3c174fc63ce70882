// Runtime configuration, parsed once at cold start: a missing variable stops the start with its name.
import * as z from 'zod/mini';

const commaList = z.pipe(
  z.string().check(z.minLength(1)),
  z.transform((value: string) => value.split(',').map((item) => item.trim()).filter(Boolean)),
);

const schema = z.object({
  TABLE_NAME: z.string().check(z.minLength(3)),
  USER_POOL_ID: z.string().check(z.minLength(1)),
  USER_POOL_CLIENT_ID: z.string().check(z.minLength(1)),
  TOKEN_AUDIENCES: commaList,
  TOKEN_ISSUER: z.url(),
  JWKS_URI: z.optional(z.url()),
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  COGNITO_ENDPOINT: z.optional(z.url()),
  AWS_REGION: z.string().check(z.minLength(1)),
  MEMBERSHIP_CACHE_TTL_MS: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(5000)), 5000),
  DEFAULT_COUNTRY: z._default(z.string().check(z.regex(/^[A-Z]{2}$/)), 'FR'),
});

export type Config = z.infer<typeof schema>;

function load(): Config {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => `${issue.path.join('.')} (${issue.message})`);
    throw new Error(`Invalid configuration: ${names.join(', ')}`);
  }
  return parsed.data;
}

export const config: Config = load();
export const jwksUri = config.JWKS_URI ?? `${config.TOKEN_ISSUER}/.well-known/jwks.json`;
