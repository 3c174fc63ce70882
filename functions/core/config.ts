// Data configuration (table, region, tunables), parsed once at cold start. Cognito settings live in
// identity-config.ts so that the pre-token trigger, which only reads the table, needs none of them.
import * as z from 'zod/mini';
import { parseEnv } from './env.ts';

export const config = parseEnv(
  z.object({
    TABLE_NAME: z.string().check(z.minLength(3)),
    AWS_REGION: z.string().check(z.minLength(1)),
    DYNAMODB_ENDPOINT: z.optional(z.url()),
    MEMBERSHIP_CACHE_TTL_MS: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(5000)), 5000),
    DEFAULT_COUNTRY: z._default(z.string().check(z.regex(/^[A-Z]{2}$/)), 'FR'),
  }),
);
