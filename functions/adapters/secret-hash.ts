// Cognito's SECRET_HASH: what proves that a sign-in call comes from the holder of the app client's secret.
// Base64(HMAC-SHA256(client secret, username + client id)), as Cognito documents ("Computing secret hash values").
import { createHmac } from 'node:crypto';

export const secretHash = (username: string, clientId: string, clientSecret: string): string =>
  createHmac('sha256', clientSecret).update(`${username}${clientId}`).digest('base64');
