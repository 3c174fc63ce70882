// Operator settings from CDK context (lib/settings.ts): the abuse limits and the plans reach every API function's
// environment, and a setting the functions would refuse at cold start stops `cdk synth` instead.
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { functionSettings } from '../../lib/settings.ts';
import { resourcesOf, synthesizeCabinet, TEST_CONTEXT } from './cabinet-app.ts';

const settingsOf = (context: Record<string, unknown>) => functionSettings(new App({ context }));

describe('operator settings from context', () => {
  it('give every API function the limits and plans the context sets, and nothing when it sets none', () => {
    const { apiTemplate } = synthesizeCabinet({
      context: {
        ...TEST_CONTEXT,
        limits: { SIGN_IN_FREE_FAILURES_PER_ACCOUNT: 8, JOIN_CODE_FAILED_GUESSES_PER_WINDOW: 50 },
        subscriptionTiers: 'essentiel,cabinet,clinique',
      },
    });
    const apiFunctions = Object.values(resourcesOf(apiTemplate, 'AWS::Lambda::Function')).filter(
      (fn) => (fn.Properties as { Environment?: { Variables?: Record<string, unknown> } }).Environment?.Variables?.TOKEN_ISSUER,
    );
    // The six API functions, and the account sweeper (it shares their configuration modules).
    expect(apiFunctions.length).toBeGreaterThanOrEqual(6);
    for (const fn of apiFunctions) {
      expect((fn.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables).toMatchObject({
        SIGN_IN_FREE_FAILURES_PER_ACCOUNT: '8',
        JOIN_CODE_FAILED_GUESSES_PER_WINDOW: '50',
        SUBSCRIPTION_TIERS: 'essentiel,cabinet,clinique',
      });
    }
    expect(settingsOf({})).toEqual({});
  });

  it('accept the limits as a JSON string, as `cdk synth -c limits=…` passes them', () => {
    expect(settingsOf({ limits: '{"REGISTRATIONS_PER_CLIENT_PER_HOUR": 40}' })).toEqual({ REGISTRATIONS_PER_CLIENT_PER_HOUR: '40' });
  });

  it('stop the synth on an unknown limit, a limit turned off, a value out of range and a malformed plan list', () => {
    expect(() => settingsOf({ limits: { SIGN_IN_FREE_FAILURE: 3 } })).toThrow(/SIGN_IN_FREE_FAILURE is not a limit/);
    expect(() => settingsOf({ limits: { JOIN_CODE_ATTEMPTS_PER_CLIENT: 0 } })).toThrow(/JOIN_CODE_ATTEMPTS_PER_CLIENT/);
    expect(() => settingsOf({ limits: { SIGN_IN_BACKOFF_BASE_SECONDS: 7200 } })).toThrow(/SIGN_IN_BACKOFF_BASE_SECONDS/);
    expect(() => settingsOf({ limits: '{not json' })).toThrow(/must be a JSON object/);
    expect(() => settingsOf({ subscriptionTiers: 'Free,free' })).toThrow(/SUBSCRIPTION_TIERS/);
  });
});
