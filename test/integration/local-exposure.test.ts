// The local stack exposes nothing it need not (issue 7, item 8). The pre-token trigger's Lambda Invoke endpoint maps a
// userId to username, organisation, role and super-admin status: it is served only on a loopback port of its own,
// which only cognito-local is told, and the API port knows nothing of it. Every listener the project controls binds
// 127.0.0.1, read from the kernel's own socket table (Linux /proc/net/tcp{,6}) rather than guessed from a connection.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { api, problemOf, registerCabinet, stack } from '#test/api';

const INVOKE_PATH = '/2015-03-31/functions/cabinet-pre-token-generation/invocations';

const triggerEvent = (userId: string, username: string) => ({
  version: '1',
  triggerSource: 'TokenGeneration_Authentication',
  region: stack().region,
  userPoolId: stack().userPoolId,
  userName: username,
  callerContext: { awsSdkVersion: 'test', clientId: stack().clientId },
  request: { userAttributes: { sub: userId }, groupConfiguration: {} },
  response: {},
});

/** The local addresses (hex, as /proc shows them) every TCP socket listening on `port` is bound to. */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const addresses: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [address, socketPort] = (local ?? '').split(':');
      if (state === '0A' && socketPort === hexPort && address) addresses.push(address); // 0A: LISTEN
    }
  }
  return addresses;
}

const LOOPBACK = '0100007F'; // 127.0.0.1, little-endian as /proc/net/tcp writes it

describe('the pre-token trigger on the local stack', () => {
  it('is not served on the API port: the Invoke path is an unknown route there, and answers no claim', async () => {
    const cabinet = await registerCabinet();

    const response = await api('POST', INVOKE_PATH, { body: triggerEvent(cabinet.user.id, cabinet.input.username) });

    expect(response.status).toBe(404);
    expect(problemOf(response)).toBe('route-not-found');
    expect(response.text).not.toContain(cabinet.organisation.id);
    expect(response.text).not.toContain('ADMIN');
  });

  it('is served on its own loopback endpoint, the one cognito-local calls, not the API port', async () => {
    const cabinet = await registerCabinet();
    const { lambdaEndpoint, baseUrl } = stack();

    const response = await fetch(new URL(INVOKE_PATH, lambdaEndpoint), {
      method: 'POST',
      body: JSON.stringify(triggerEvent(cabinet.user.id, cabinet.input.username)),
    });
    const apiRoute = await fetch(new URL('/api/health', lambdaEndpoint));

    expect(new URL(lambdaEndpoint).hostname).toBe('127.0.0.1');
    expect(new URL(lambdaEndpoint).port).not.toBe(new URL(baseUrl).port);
    expect(response.status).toBe(200);
    const claims = (await response.json()).response.claimsOverrideDetails.claimsToAddOrOverride;
    expect(claims).toMatchObject({ userId: cabinet.user.id, organisationId: cabinet.organisation.id, role: 'ADMIN' });
    expect(apiRoute.status).toBe(404);
  });
});

describe('listeners of the local stack', () => {
  it('bind 127.0.0.1 only: the API, the Invoke endpoint, cognito-local and the e-mail emulator', () => {
    const { baseUrl, lambdaEndpoint, cognitoEndpoint, mailUrl } = stack();
    for (const url of [baseUrl, lambdaEndpoint, cognitoEndpoint, mailUrl]) {
      const addresses = listeningAddresses(Number(new URL(url).port));
      expect({ url, addresses }).toEqual({ url, addresses: [LOOPBACK] });
    }
  });
});
