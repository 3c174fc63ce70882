// API Gateway throttles, per route, derived from the route table: signed-in routes share the stage default, the public
// routes that reach Cognito or send mail have their class's own (routes/types.ts ThrottleClass), every other public
// route the public limit. docs/throttling.md has the arithmetic behind each number; `-c throttles='{…}'` overrides them.
import type { Construct } from 'constructs';
import type { RouteDef, ThrottleClass } from '#routes';

export interface Throttle {
  /** Steady requests per second (the bucket's refill). */
  readonly rateLimit: number;
  /** Requests at once (the bucket's size). */
  readonly burstLimit: number;
}

export type ThrottleName = ThrottleClass | 'compat' | 'public' | 'default';

/**
 * Per route (API Gateway keeps one bucket per route key). The default is sized for thousands of requests a second
 * and is at most 40 % of the account's regional quota (10,000 rps, 5,000 burst); the Cognito-backed classes share
 * Cognito's UserAuthentication quota (120 rps by default) so that their sum leaves sign-in its own share.
 */
export const THROTTLES: Readonly<Record<ThrottleName, Throttle>> = {
  default: { rateLimit: 4000, burstLimit: 2000 },
  public: { rateLimit: 200, burstLimit: 400 },
  signIn: { rateLimit: 40, burstLimit: 80 },
  mfa: { rateLimit: 10, burstLimit: 20 },
  refresh: { rateLimit: 30, burstLimit: 60 },
  registration: { rateLimit: 4, burstLimit: 8 },
  passwordReset: { rateLimit: 3, burstLimit: 6 },
  emailVerification: { rateLimit: 3, burstLimit: 6 },
  // A seed dialect's route that reaches Cognito (docs/dialects.md): a migration surface, on the same quotas as
  // Cabinet's own public routes, with a small share of them each (raise it with the throttles context).
  compat: { rateLimit: 2, burstLimit: 4 },
};

/** API Gateway's account quota per region: no route limit may exceed it. */
export const ACCOUNT_QUOTA: Throttle = { rateLimit: 10_000, burstLimit: 5000 };

/**
 * The throttle a route gets: its own class (`compat` for a dialect's: whatever its class, a dialect route that reaches
 * Cognito takes the small share a migration surface gets), the public limit for another public route, else none (the
 * default).
 */
export function throttleNameOf(route: Pick<RouteDef, 'auth' | 'throttle' | 'dialect'>): ThrottleName {
  if (route.throttle) return route.dialect === undefined ? route.throttle : 'compat';
  return route.auth === 'public' || route.auth === 'optionalUser' ? 'public' : 'default';
}

function checked(name: string, value: unknown): Throttle {
  const problem = `Context throttles.${name} must be { "rateLimit": 1…${ACCOUNT_QUOTA.rateLimit}, "burstLimit": 1…${ACCOUNT_QUOTA.burstLimit} }`;
  if (typeof value !== 'object' || value === null) throw new Error(problem);
  const { rateLimit, burstLimit, ...rest } = value as Record<string, unknown>;
  const within = (n: unknown, max: number) => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= max;
  if (Object.keys(rest).length > 0 || !within(rateLimit, ACCOUNT_QUOTA.rateLimit) || !within(burstLimit, ACCOUNT_QUOTA.burstLimit)) {
    throw new Error(`${problem}, not ${JSON.stringify(value)}`);
  }
  return { rateLimit: rateLimit as number, burstLimit: burstLimit as number };
}

/**
 * THROTTLES with the `throttles` context's overrides (a JSON object of class names to { rateLimit, burstLimit }): an
 * operator who raised Cognito's quotas raises the classes with them. An unknown class or a value out of range stops
 * the synth.
 */
export function throttleSettings(scope: Construct): Readonly<Record<ThrottleName, Throttle>> {
  let value: unknown = scope.node.tryGetContext('throttles');
  if (value === undefined || value === null || value === '') return THROTTLES;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new Error(`Context throttles must be a JSON object, not ${value}`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('Context throttles must be a JSON object');
  const settings: Record<string, Throttle> = { ...THROTTLES };
  for (const [name, throttle] of Object.entries(value)) {
    if (!Object.hasOwn(THROTTLES, name)) {
      throw new Error(`Context throttles: ${name} is not a throttle; the throttles are ${Object.keys(THROTTLES).join(', ')}`);
    }
    settings[name] = checked(name, throttle);
  }
  return settings as Record<ThrottleName, Throttle>;
}
