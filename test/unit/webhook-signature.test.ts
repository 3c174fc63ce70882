// The typed client's webhook verifier, checked against the Standard Webhooks algorithm computed here independently
// with node:crypto, and against the specification's published test vector.
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook, WebhookVerificationError } from '../../clients/typescript/src/webhooks.ts';

const specSign = (secret: string, id: string, timestamp: number, body: string) =>
  `v1,${createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
    .update(`${id}.${timestamp}.${body}`)
    .digest('base64')}`;

const secret = `whsec_${randomBytes(32).toString('base64')}`;
const id = '01JEXAMPLE0000000000000000';
const body = JSON.stringify({ type: 'member.added', timestamp: '2026-12-07T07:00:00.000Z', data: { userId: 'u1' } });
const timestamp = 1_765_090_800;
const at = () => new Date(timestamp * 1000);

describe('webhook signatures (Standard Webhooks)', () => {
  it('signs as the specification does', async () => {
    expect(await signWebhook(secret, id, timestamp, body)).toBe(specSign(secret, id, timestamp, body));
  });

  it("matches the specification's test vector", async () => {
    const vector = await signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    expect(vector).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('verifies a delivery and answers its payload, with a Headers object or a plain record', async () => {
    const signature = specSign(secret, id, timestamp, body);
    const plain = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
    expect(await verifyWebhook(secret, body, plain, { now: at })).toEqual(JSON.parse(body));
    expect(await verifyWebhook(secret, body, new Headers(plain), { now: at })).toEqual(JSON.parse(body));
  });

  it('accepts any of several signatures (a secret rotation signs with both)', async () => {
    const old = `whsec_${randomBytes(32).toString('base64')}`;
    const header = `${specSign(old, id, timestamp, body)} ${specSign(secret, id, timestamp, body)}`;
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': header };
    await expect(verifyWebhook(secret, body, headers, { now: at })).resolves.toBeTruthy();
    await expect(verifyWebhook(old, body, headers, { now: at })).resolves.toBeTruthy();
  });

  it('refuses a tampered body, another id, another secret, a stale timestamp and missing headers', async () => {
    const signature = specSign(secret, id, timestamp, body);
    const headers = { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
    const refused = (p: Promise<unknown>) => expect(p).rejects.toBeInstanceOf(WebhookVerificationError);
    await refused(verifyWebhook(secret, body.replace('u1', 'u2'), headers, { now: at }));
    await refused(verifyWebhook(secret, body, { ...headers, 'webhook-id': 'other' }, { now: at }));
    await refused(verifyWebhook(`whsec_${randomBytes(32).toString('base64')}`, body, headers, { now: at }));
    await refused(verifyWebhook(secret, body, headers, { now: () => new Date((timestamp + 301) * 1000) }));
    await refused(verifyWebhook(secret, body, { ...headers, 'webhook-signature': signature.replace('v1,', 'v2,') }, { now: at }));
    await refused(verifyWebhook(secret, body, { 'webhook-id': id, 'webhook-timestamp': String(timestamp) }, { now: at }));
    await refused(verifyWebhook(secret, body, { ...headers, 'webhook-timestamp': '12.5' }, { now: at }));
  });
});
