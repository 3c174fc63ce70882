// Where the docs page sends people to sign in: the hosted login (the Cognito domain deployed, cognito-local
// locally) and the `web` app client, whose authorization code + PKCE flow the docs page's Authorize button runs.
import { env, readEnv } from './env.ts';

export const docsConfig = readEnv({
  HOSTED_LOGIN_URL: env.url(),
  WEB_CLIENT_ID: env.text(),
});
