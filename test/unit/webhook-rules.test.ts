import { Webhook as StandardWebhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { deliveryTarget, isPublicAddress } from '#domain/outbound-address';
import {
  COMPRESSED_RETRY_DELAYS_SECONDS,
  DELIVERY_TIMEOUT_MS,
  FAN_OUT_MIN_TIMEOUT_MS,
  FAN_OUT_TIMEOUT_SECONDS,
  INLINE_RETRY_MARGIN_MS,
  INLINE_RETRY_MAX_WAIT_MS,
  inlineRetryWait,
  MAX_DELIVERY_ATTEMPTS,
  nextAttemptAt,
  RETRY_DELAYS_SECONDS,
  signature,
  signatureHeader,
  signingSecrets,
} from '#domain/webhook';
import { verifyWebhook } from '../../clients/typescript/src/webhooks.ts';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.0.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '192.0.2.1',
    '198.18.0.1',
    '::1',
    '::',
    'fd00:ec2::254',
    'fc00::1',
    'fe80::1',
    'ff02::1',
    '2001:db8::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:a9fe:a9fe',
    '64:ff9b::10.0.0.1',
    '2002:c0a8:0101::1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['93.184.215.14', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:93.184.215.14', '2002:5db8:d70e::1'])(
    'allows %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );
});

describe('deliveryTarget', () => {
  const deployed = { allowLoopbackHttp: false };
  const local = { allowLoopbackHttp: true };

  it('takes https on 443 to a named or public host', () => {
    expect(deliveryTarget('https://agenda.example.com/hooks?x=1', deployed)).toMatchObject({
      host: 'agenda.example.com',
      port: 443,
      loopback: false,
    });
    expect(deliveryTarget('https://93.184.215.14:443/h', deployed)).toMatchObject({ host: '93.184.215.14', port: 443 });
  });

  it.each([
    ['http://agenda.example.com/', 'scheme'],
    ['ftp://agenda.example.com/', 'scheme'],
    ['https://agenda.example.com:8443/', 'port'],
    ['https://u:p@agenda.example.com/', 'credentials'],
    ['https://localhost/', 'host'],
    ['https://api.localhost/', 'host'],
    ['https://metadata.google.internal/', 'host'],
    ['https://10.0.0.1/', 'host'],
    ['https://[::1]/', 'host'],
    ['https://169.254.169.254/', 'host'],
    ['nope', 'not-a-url'],
  ])('refuses %s (%s)', (url, reason) => {
    expect(deliveryTarget(url, deployed)).toBe(reason);
  });

  it('allows http://127.0.0.1:<port> only with the local setting', () => {
    expect(deliveryTarget('http://127.0.0.1:4000/h', deployed)).toBe('scheme');
    expect(deliveryTarget('http://127.0.0.1:4000/h', local)).toMatchObject({ host: '127.0.0.1', port: 4000, loopback: true });
    expect(deliveryTarget('http://127.0.0.1/h', local)).toBe('scheme');
    expect(deliveryTarget('http://localhost:4000/h', local)).toBe('scheme');
    expect(deliveryTarget('http://10.0.0.1:4000/h', local)).toBe('scheme');
  });
});

describe('signatures', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw5OG7sXsDnkc=';

  it("is what the specification's reference implementation signs", () => {
    const reference = new StandardWebhook(secret);
    for (const [id, timestamp, body] of [
      ['msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'],
      ['01KBX5Q3T8M2V6R9C4D7F0H1JN', 1796637128, '{"type":"patient.created","data":{"patientId":"é"}}'],
    ] as const) {
      expect(signature(secret, id, timestamp, body)).toBe(reference.sign(id, new Date(timestamp * 1000), body));
    }
  });

  it('is verified by the typed client, with either secret during a rotation', async () => {
    const previous = 'whsec_Zk2n4p6r8t0v2x4z6B8D0F2H4J6L8N0P2R4T6V8X0Z0=';
    const now = new Date('2026-12-07T10:00:00Z');
    const live = signingSecrets({ current: secret, previous, previousExpiresAt: '2026-12-08T09:00:00Z' }, now);
    expect(live).toEqual([secret, previous]);
    const timestamp = Math.floor(now.getTime() / 1000);
    const headers = {
      'webhook-id': 'evt',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signatureHeader(live, 'evt', timestamp, '{}'),
    };
    for (const key of live) await expect(verifyWebhook(key, '{}', headers, { now: () => now })).resolves.toEqual({});
    expect(signingSecrets({ current: secret, previous, previousExpiresAt: '2026-12-07T09:00:00Z' }, now)).toEqual([secret]);
  });
});

describe('nextAttemptAt', () => {
  const at = new Date('2026-12-07T10:00:00Z');

  it('follows the real schedule with ±20 % jitter, then gives up', () => {
    expect(MAX_DELIVERY_ATTEMPTS).toBe(8);
    RETRY_DELAYS_SECONDS.forEach((delay, index) => {
      const low = nextAttemptAt(index + 1, at, 'real', 0)?.getTime() ?? 0;
      const high = nextAttemptAt(index + 1, at, 'real', 0.999_999)?.getTime() ?? 0;
      expect(low - at.getTime()).toBe(Math.round(delay * 0.8 * 1000));
      expect(high - at.getTime()).toBeGreaterThan(delay * 1.2 * 1000 - 100);
      expect(high - at.getTime()).toBeLessThanOrEqual(delay * 1.2 * 1000);
    });
    expect(nextAttemptAt(8, at, 'real')).toBeUndefined();
  });

  it('compresses the same attempts into seconds', () => {
    expect(COMPRESSED_RETRY_DELAYS_SECONDS).toHaveLength(RETRY_DELAYS_SECONDS.length);
    const total = COMPRESSED_RETRY_DELAYS_SECONDS.reduce((sum, delay) => sum + delay, 0);
    expect(total).toBeLessThan(30);
    expect(nextAttemptAt(7, at, 'compressed', 0.5)?.getTime()).toBe(at.getTime() + 3000);
    expect(nextAttemptAt(8, at, 'compressed')).toBeUndefined();
  });
});

describe('inlineRetryWait (who makes the first retry)', () => {
  const failedAt = new Date('2026-12-07T10:00:00Z');
  const fullInvocation = FAN_OUT_TIMEOUT_SECONDS * 1000 - DELIVERY_TIMEOUT_MS;

  it('gives the first retry of the real schedule to the fan-out, about 5 s after the failure', () => {
    for (const random of [0, 0.5, 0.999_999]) {
      const retryAt = nextAttemptAt(1, failedAt, 'real', random);
      const wait = inlineRetryWait(1, retryAt, failedAt, fullInvocation);
      expect(wait).toBe((retryAt?.getTime() ?? 0) - failedAt.getTime());
      expect(wait).toBeGreaterThanOrEqual(4000);
      expect(wait).toBeLessThanOrEqual(6000);
    }
  });

  it('leaves the later retries (5 min and more) to the sweeper, on either schedule', () => {
    for (let failed = 2; failed < MAX_DELIVERY_ATTEMPTS; failed++) {
      expect(inlineRetryWait(failed, nextAttemptAt(failed, failedAt, 'real', 0), failedAt, fullInvocation)).toBeUndefined();
      expect(inlineRetryWait(failed, nextAttemptAt(failed, failedAt, 'compressed', 0), failedAt, fullInvocation)).toBeUndefined();
    }
    expect(inlineRetryWait(MAX_DELIVERY_ATTEMPTS, undefined, failedAt, fullInvocation)).toBeUndefined();
  });

  it("keeps the compressed schedule: its first retry (about 1 s) is the fan-out's too", () => {
    const retryAt = nextAttemptAt(1, failedAt, 'compressed', 0.5);
    expect(inlineRetryWait(1, retryAt, failedAt, fullInvocation)).toBe(1000);
  });

  it('leaves the retry to the sweeper when the invocation has no time for the wait, the attempt and the margin', () => {
    const retryAt = new Date(failedAt.getTime() + 5000);
    const needed = 5000 + DELIVERY_TIMEOUT_MS + INLINE_RETRY_MARGIN_MS;
    expect(inlineRetryWait(1, retryAt, failedAt, needed)).toBe(5000);
    expect(inlineRetryWait(1, retryAt, failedAt, needed - 1)).toBeUndefined();
  });

  it('does not wait for a retry due beyond its window, nor for one already due', () => {
    expect(inlineRetryWait(1, new Date(failedAt.getTime() + INLINE_RETRY_MAX_WAIT_MS + 1), failedAt, fullInvocation)).toBeUndefined();
    expect(inlineRetryWait(1, new Date(failedAt.getTime() - 500), failedAt, fullInvocation)).toBe(0);
  });

  it("fits in the fan-out's timeout: a first attempt, the longest wait and the retry, with the margin", () => {
    expect(FAN_OUT_MIN_TIMEOUT_MS).toBe(2 * DELIVERY_TIMEOUT_MS + INLINE_RETRY_MAX_WAIT_MS + INLINE_RETRY_MARGIN_MS);
    expect(FAN_OUT_TIMEOUT_SECONDS * 1000).toBeGreaterThanOrEqual(FAN_OUT_MIN_TIMEOUT_MS);
    // The real first delay with its largest jitter (+20 %) is within the window.
    expect((RETRY_DELAYS_SECONDS[0] ?? 0) * 1.2 * 1000).toBeLessThanOrEqual(INLINE_RETRY_MAX_WAIT_MS);
    // A fan-out that started its first attempt at once has the time for the retry when that attempt timed out.
    const afterTimeout = FAN_OUT_TIMEOUT_SECONDS * 1000 - DELIVERY_TIMEOUT_MS;
    expect(inlineRetryWait(1, new Date(failedAt.getTime() + 6000), failedAt, afterTimeout)).toBe(6000);
  });
});
