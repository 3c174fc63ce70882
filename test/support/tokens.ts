// Forged and mutated tokens for the negative authentication tests.
import { createPrivateKey, createSign } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** cognito-local signs with a fixed key shipped in its package: with it a test can mint a correctly signed token. */
function cognitoLocalKey() {
  const { jwk } = require('cognito-local/lib/keys/cognitoLocal.private.json') as { jwk: Record<string, string> };
  return createPrivateKey({ key: jwk, format: 'jwk' });
}

export function signLikeCognitoLocal(payload: Record<string, unknown>): string {
  const header = b64({ alg: 'RS256', typ: 'JWT', kid: 'CognitoLocal' });
  const body = b64(payload);
  const signature = createSign('RSA-SHA256').update(`${header}.${body}`).sign(cognitoLocalKey()).toString('base64url');
  return `${header}.${body}.${signature}`;
}

export function withPayload(token: string, change: (payload: Record<string, unknown>) => Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const decoded = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  return `${header}.${b64(change(decoded))}.${signature}`;
}

export function algNone(token: string): string {
  const [, payload] = token.split('.');
  return `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
}
