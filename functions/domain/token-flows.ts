// Which app client may get tokens through which flow: the pre-token trigger's gate (triggers/pre-token-generation.ts).
// The api client (confidential: only the API, holding its secret, signs in through it) gets tokens from a password
// sign-in, its MFA step and a refresh; the public web client only from the hosted login (authorization code + PKCE)
// and a refresh. Anything else (the web client signing in directly with its public id, the api client through a
// hosted login it does not have, a client this rule does not know) is refused, so nobody gets a token around the
// API's rate limits and checks even if an app client's settings drift.

/** The app clients CDK creates (lib/stateful-stack.ts, lib/api-stack.ts), by their ClientName. */
export const APP_CLIENTS = {
  api: ['TokenGeneration_Authentication', 'TokenGeneration_RefreshTokens'],
  web: ['TokenGeneration_HostedAuth', 'TokenGeneration_RefreshTokens'],
} as const satisfies Record<string, readonly string[]>;

export type AppClientName = keyof typeof APP_CLIENTS;

const isAppClient = (name: string | undefined): name is AppClientName => name !== undefined && Object.hasOwn(APP_CLIENTS, name);

/** True when the client named `clientName` (undefined: not a client of the pool) may get tokens from `triggerSource`. */
export function tokenFlowAllowed(clientName: string | undefined, triggerSource: string): boolean {
  return isAppClient(clientName) && (APP_CLIENTS[clientName] as readonly string[]).includes(triggerSource);
}
