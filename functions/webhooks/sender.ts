// Sends one delivery over the network, behind the SSRF guard (domain/outbound-address.ts): the URL's rules, then
// the host's addresses resolved and checked on every delivery, and the connection made to the very address that was
// checked (a DNS answer that changes between check and connect — rebinding — cannot move it). No redirect is
// followed (a 3xx is a failure), the answer is read up to MAX_RESPONSE_BYTES and dropped, never echoed, and the
// whole attempt is abandoned after DELIVERY_TIMEOUT_MS.
import { lookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { type DeliveryTarget, deliveryTarget, isPublicAddress, type UrlRefusal } from '#domain/outbound-address';
import { DELIVERY_TIMEOUT_MS, MAX_RESPONSE_BYTES } from '#domain/webhook';

export type SendResult =
  | { kind: 'answered'; statusCode: number; durationMs: number }
  | { kind: 'refused'; reason: UrlRefusal | 'address'; durationMs: number }
  | { kind: 'failed'; reason: 'timeout' | 'connection' | 'dns'; durationMs: number };

/** The addresses `host` resolves to, all of them public, or the reason it may not be reached. */
export async function publicAddress(target: DeliveryTarget): Promise<{ address: string; family: 4 | 6 } | 'address' | 'dns'> {
  if (target.loopback) return { address: '127.0.0.1', family: 4 };
  let answers: { address: string; family: number }[];
  try {
    answers = await lookup(target.host, { all: true, verbatim: true });
  } catch {
    return 'dns';
  }
  if (answers.length === 0 || !answers.every((answer) => isPublicAddress(answer.address))) return 'address';
  const [first] = answers;
  return first ? { address: first.address, family: first.family === 6 ? 6 : 4 } : 'address';
}

export async function send(
  url: string,
  headers: Record<string, string>,
  body: string,
  options: { allowLoopbackHttp: boolean },
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = deliveryTarget(url, options);
  if (typeof target === 'string') return { kind: 'refused', reason: target, durationMs: elapsed() };
  const resolved = await publicAddress(target);
  if (resolved === 'address') return { kind: 'refused', reason: 'address', durationMs: elapsed() };
  if (resolved === 'dns') return { kind: 'failed', reason: 'dns', durationMs: elapsed() };
  // The checked address, whatever the resolver would answer now.
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all)
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [resolved]);
    else callback(null, resolved.address, resolved.family);
  };
  const send = target.loopback ? httpRequest : httpsRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const outgoing = send(
      {
        method: 'POST',
        hostname: target.host,
        port: target.port,
        path: `${target.url.pathname}${target.url.search}`,
        lookup: pinned,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Cabinet-Webhooks/1',
        },
      },
      (incoming) => {
        let read = 0;
        const statusCode = incoming.statusCode ?? 0;
        incoming.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read >= MAX_RESPONSE_BYTES) {
            incoming.destroy();
            finish({ kind: 'answered', statusCode, durationMs: elapsed() });
          }
        });
        incoming.on('end', () => finish({ kind: 'answered', statusCode, durationMs: elapsed() }));
        incoming.on('error', () => finish({ kind: 'answered', statusCode, durationMs: elapsed() }));
      },
    );
    const timer = setTimeout(() => {
      outgoing.destroy();
      finish({ kind: 'failed', reason: 'timeout', durationMs: elapsed() });
    }, DELIVERY_TIMEOUT_MS);
    outgoing.on('error', () => finish({ kind: 'failed', reason: 'connection', durationMs: elapsed() }));
    outgoing.end(body);
  });
}
