// The subscription plans the platform sells, read once at cold start and fail-fast like config.ts. The first tier is
// the one every organisation starts on, and the only one a tenant may name itself (registration, POST
// /api/organisations): any other plan is set by a platform operator (PATCH /api/platform/organisations/{id}).
import { env, readEnv } from './env.ts';

export const PLAN_RULES = {
  SUBSCRIPTION_TIERS: env.list({ fallback: 'free,pro,enterprise', pattern: /^[a-z0-9][a-z0-9_-]{0,39}$/, unique: true }),
};

const plans = readEnv(PLAN_RULES);

export const SUBSCRIPTION_TIERS: readonly [string, ...string[]] = plans.SUBSCRIPTION_TIERS as [string, ...string[]];

/** The plan of a new organisation and the only one self-service may choose. */
export const STARTING_TIER: string = SUBSCRIPTION_TIERS[0];
