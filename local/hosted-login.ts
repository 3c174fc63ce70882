// The local hosted login (cognito-local's /oauth2/authorize and /oauth2/token) for the `web` app client: its
// callback URLs, and a ready sign-in URL with PKCE that `npm start` prints and writes to runtime.json.
import { createHash, randomBytes } from 'node:crypto';

/** Where the local hosted login may return to: the web app's /callback (CDK's default), the console's and the docs page's. */
export function localCallbackUrls(port: number): string[] {
  return ['127.0.0.1', 'localhost'].flatMap((host) => [
    `http://${host}:${port}/callback`,
    `http://${host}:${port}/console/callback`,
    `http://${host}:${port}/api/docs/oauth2-redirect.html`,
  ]);
}

export interface HostedLogin {
  /** Opens the sign-in form; after sign-in it redirects to `redirectUri` with `?code=…&state=…`. */
  url: string;
  redirectUri: string;
  /** The PKCE verifier of the URL's challenge: /oauth2/token wants it with the code. */
  codeVerifier: string;
  tokenUrl: string;
}

/** An authorization-code + PKCE (S256) sign-in URL for the web client. */
export function hostedLogin(cognitoEndpoint: string, webClientId: string, redirectUri: string): HostedLogin {
  const codeVerifier = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({
    client_id: webClientId,
    response_type: 'code',
    scope: 'openid email profile',
    redirect_uri: redirectUri,
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: randomBytes(16).toString('base64url'),
  });
  return { url: `${cognitoEndpoint}/oauth2/authorize?${query}`, redirectUri, codeVerifier, tokenUrl: `${cognitoEndpoint}/oauth2/token` };
}
