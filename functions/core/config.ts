// Data configuration (table, region, tunables), read once at cold start. Cognito settings live in
// identity-config.ts so that the pre-token trigger, which only reads the table, needs none of them.
import { env, readEnv } from './env.ts';

export const config = readEnv({
  TABLE_NAME: env.text({ min: 3 }),
  AWS_REGION: env.text(),
  DYNAMODB_ENDPOINT: env.optional(env.url()),
  MEMBERSHIP_CACHE_TTL_MS: env.integer({ min: 0, max: 5000, fallback: 5000 }),
  DEFAULT_COUNTRY: env.text({ pattern: /^[A-Z]{2}$/, fallback: 'FR' }),
});
