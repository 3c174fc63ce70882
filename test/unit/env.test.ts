import { describe, expect, it } from 'vitest';
import { env, readEnv } from '#core/env';

const rules = {
  TABLE_NAME: env.text({ min: 3 }),
  DEFAULT_COUNTRY: env.text({ pattern: /^[A-Z]{2}$/, fallback: 'FR' }),
  TOKEN_ISSUER: env.url(),
  JWKS_URI: env.optional(env.url()),
  TTL_MS: env.integer({ min: 0, max: 5000, fallback: 5000 }),
  ATTEMPTS: env.integer({ min: 1, fallback: 10 }),
  TOKEN_AUDIENCES: env.list(),
};

const valid = {
  TABLE_NAME: 'cabinet',
  TOKEN_ISSUER: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_abc',
  TOKEN_AUDIENCES: ' client-a, ,client-b ',
};

describe('readEnv (configuration read at cold start)', () => {
  it('returns typed values, with defaults for unset optional variables', () => {
    expect(readEnv(rules, { ...valid, TTL_MS: '250' })).toEqual({
      TABLE_NAME: 'cabinet',
      DEFAULT_COUNTRY: 'FR',
      TOKEN_ISSUER: valid.TOKEN_ISSUER,
      JWKS_URI: undefined,
      TTL_MS: 250,
      ATTEMPTS: 10,
      TOKEN_AUDIENCES: ['client-a', 'client-b'],
    });
  });

  it('names every missing or invalid variable and the rule it breaks, in one error', () => {
    expect(() =>
      readEnv(rules, {
        TABLE_NAME: 'ab',
        DEFAULT_COUNTRY: 'france',
        JWKS_URI: 'ftp://example.com/jwks.json',
        TTL_MS: '5001',
        ATTEMPTS: '1.5',
        TOKEN_AUDIENCES: ' , ',
      }),
    ).toThrow(
      'Invalid configuration: TABLE_NAME must be at least 3 characters; DEFAULT_COUNTRY must match /^[A-Z]{2}$/; ' +
        'TOKEN_ISSUER is required; JWKS_URI must be an http or https URL; TTL_MS must be an integer from 0 to 5000; ' +
        'ATTEMPTS must be an integer of at least 1; TOKEN_AUDIENCES must list at least one value',
    );
  });

  it('treats an empty variable as unset, and refuses text that is not a URL', () => {
    expect(() => readEnv({ A: env.text() }, { A: '' })).toThrow('A is required');
    expect(() => readEnv({ U: env.url() }, { U: 'not a url' })).toThrow('U must be a URL');
    expect(readEnv({ N: env.integer({ min: 1, fallback: 7 }) }, { N: '' })).toEqual({ N: 7 });
  });
});

describe('SUBSCRIPTION_TIERS (functions/core/plans.ts)', () => {
  const tiers = { SUBSCRIPTION_TIERS: env.list({ fallback: 'free,pro,enterprise', pattern: /^[a-z0-9][a-z0-9_-]{0,39}$/, unique: true }) };

  it('defaults to free, pro, enterprise and reads a configured list in order', () => {
    expect(readEnv(tiers, {})).toEqual({ SUBSCRIPTION_TIERS: ['free', 'pro', 'enterprise'] });
    expect(readEnv(tiers, { SUBSCRIPTION_TIERS: 'starter, team ,business' })).toEqual({
      SUBSCRIPTION_TIERS: ['starter', 'team', 'business'],
    });
  });

  it('stops the cold start on a malformed or repeated tier, naming the variable', () => {
    expect(() => readEnv(tiers, { SUBSCRIPTION_TIERS: 'free,Pro Plus' })).toThrow(
      'Invalid configuration: SUBSCRIPTION_TIERS must list values matching /^[a-z0-9][a-z0-9_-]{0,39}$/ (not Pro Plus)',
    );
    expect(() => readEnv(tiers, { SUBSCRIPTION_TIERS: 'free,pro,free' })).toThrow('SUBSCRIPTION_TIERS must not list a value twice');
  });

  it('is what the running configuration holds: the starting tier first', async () => {
    const { STARTING_TIER, SUBSCRIPTION_TIERS } = await import('#core/plans');
    expect(SUBSCRIPTION_TIERS).toEqual(['free', 'pro', 'enterprise']);
    expect(STARTING_TIER).toBe('free');
  });
});
