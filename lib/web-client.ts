// The `web` app client: hosted login for browsers, in CabinetApi because its callback and sign-out URLs default to the
// deployed docs page, whose address (the HTTP API's endpoint) only this stack knows. It is configuration, not data:
// replacing it loses nothing but the sessions it issued.
import { type IUserPool, OAuthScope, UserPoolClient, UserPoolClientIdentityProvider } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import { contextList } from './context.ts';
import { appClientSettings } from './stateful-stack.ts';

/** Where the docs page's Authorize → hostedLogin returns to (functions/docs: swagger-ui's OAuth 2 redirect page). */
export const docsRedirectUrl = (apiEndpoint: string): string => `${apiEndpoint}/api/docs/oauth2-redirect.html`;
export const docsPageUrl = (apiEndpoint: string): string => `${apiEndpoint}/api/docs`;

export interface WebClient {
  readonly client: UserPoolClient;
  /** Every callback URL, the web app's own (context `callbackUrls`) first, the docs page's last. */
  readonly callbackUrls: readonly string[];
}

/**
 * Authorization code flow only, never the implicit grant. A public client (no secret), so the browser must send PKCE
 * (S256) with every authorization request (docs/operations.md: deploy). No direct sign-in flow (ExplicitAuthFlows is refresh
 * only): with SRP, anyone holding the public client id would sign in at Cognito around the API's rate limits. Its
 * scopes leave out aws.cognito.signin.user.admin, so its access tokens cannot call DeleteUser, ChangePassword or the
 * MFA settings around the API's rules. Callback URLs: the context's `callbackUrls` and, always, the docs page's
 * redirect; sign-out URLs: the context's `logoutUrls`, else the docs page.
 */
export function addWebClient(
  scope: Construct,
  userPool: IUserPool,
  apiEndpoint: string,
  /** The deployed console's own URLs (lib/console.ts), after the context's. */
  console?: { callbackUrl: string; signOutUrl: string },
): WebClient {
  const callbackUrls = [
    ...new Set([...contextList(scope, 'callbackUrls', []), ...(console ? [console.callbackUrl] : []), docsRedirectUrl(apiEndpoint)]),
  ];
  const logoutUrls = [...contextList(scope, 'logoutUrls', [docsPageUrl(apiEndpoint)]), ...(console ? [console.signOutUrl] : [])];
  const { readAttributes, writeAttributes, tokenValidity } = appClientSettings();
  const client = new UserPoolClient(scope, 'WebClient', {
    userPool,
    userPoolClientName: 'web',
    generateSecret: false,
    authFlows: { userSrp: false },
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
      callbackUrls,
      logoutUrls,
    },
    supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    preventUserExistenceErrors: true,
    enableTokenRevocation: true,
    readAttributes,
    writeAttributes,
    ...tokenValidity,
  });
  return { client, callbackUrls };
}
