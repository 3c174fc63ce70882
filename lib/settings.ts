// The functions' operator settings taken from CDK context: the abuse limits (`limits`, an object of
// functions/core/limits.ts names to integers) and the plans (`subscriptionTiers`, a list whose first is every new
// organisation's). Checked at synth with the very rules the functions apply at cold start, so a typo or a value out of
// range fails `cdk synth`, not a cold start in production.
import type { Construct } from 'constructs';
import { readEnv } from '#core/env';
import { LIMIT_RULES } from '#core/limits';
import { PLAN_RULES } from '#core/plans';
import { contextList } from './context.ts';

function contextObject(scope: Construct, key: string): Record<string, unknown> {
  let value: unknown = scope.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return {};
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw new Error(`Context ${key} must be a JSON object, not ${value}`);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`Context ${key} must be a JSON object`);
  return value as Record<string, unknown>;
}

/** The environment variables these settings give every function (none when the context sets nothing). */
export function functionSettings(scope: Construct): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [name, value] of Object.entries(contextObject(scope, 'limits'))) {
    if (!Object.hasOwn(LIMIT_RULES, name)) {
      throw new Error(`Context limits: ${name} is not a limit; the limits are ${Object.keys(LIMIT_RULES).join(', ')}`);
    }
    settings[name] = String(value);
  }
  const tiers = contextList(scope, 'subscriptionTiers', []);
  if (tiers.length > 0) settings.SUBSCRIPTION_TIERS = tiers.join(',');
  try {
    readEnv({ ...LIMIT_RULES, ...PLAN_RULES }, settings);
  } catch (error) {
    throw new Error(`Context limits / subscriptionTiers: ${error instanceof Error ? error.message : String(error)}`);
  }
  return settings;
}
