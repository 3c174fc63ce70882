// The pre-token trigger's gate (functions/domain/token-flows.ts): which app client gets tokens through which flow.
import { describe, expect, it } from 'vitest';
import { tokenFlowAllowed } from '#domain/token-flows';

const FLOWS = [
  'TokenGeneration_Authentication',
  'TokenGeneration_HostedAuth',
  'TokenGeneration_RefreshTokens',
  'TokenGeneration_NewPasswordChallenge',
  'TokenGeneration_AuthenticateDevice',
] as const;

describe('tokenFlowAllowed', () => {
  it('lets the api client get tokens from a password sign-in (and its MFA step) and a refresh, nothing else', () => {
    expect(FLOWS.filter((flow) => tokenFlowAllowed('api', flow))).toEqual([
      'TokenGeneration_Authentication',
      'TokenGeneration_RefreshTokens',
    ]);
  });

  it('lets the web client get tokens from the hosted login and a refresh only: never a direct sign-in with its public id', () => {
    expect(FLOWS.filter((flow) => tokenFlowAllowed('web', flow))).toEqual(['TokenGeneration_HostedAuth', 'TokenGeneration_RefreshTokens']);
    expect(tokenFlowAllowed('web', 'TokenGeneration_Authentication')).toBe(false);
  });

  it('refuses the api client through a hosted login: it has none', () => {
    expect(tokenFlowAllowed('api', 'TokenGeneration_HostedAuth')).toBe(false);
  });

  it.each([undefined, 'admin-console', 'toString', 'constructor', ''])('refuses every flow to a client it does not know (%j)', (name) => {
    for (const flow of FLOWS) expect(tokenFlowAllowed(name, flow)).toBe(false);
  });

  it('refuses a trigger source it does not know, even to a known client', () => {
    expect(tokenFlowAllowed('api', 'TokenGeneration_Something')).toBe(false);
    expect(tokenFlowAllowed('web', 'PreSignUp_SignUp')).toBe(false);
  });
});
