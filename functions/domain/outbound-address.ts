// Where a webhook may be delivered (the SSRF guard's rules, pure): deployed, only https on port 443 to a host whose
// every address is public — never loopback, private, carrier-grade NAT, link-local (the cloud metadata service at
// 169.254.169.254 and fd00:ec2::254), unique-local IPv6, multicast, reserved or documentation ranges, nor an IPv6
// form embedding one of those IPv4 addresses. The local stack alone may allow http://127.0.0.1:<port> (a receiver on
// the developer's machine): WEBHOOK_ALLOW_LOOPBACK_HTTP, off in every deployed stack (lib/, a synth assertion).
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127], // :: and ::1
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local (fd00:ec2::254, the metadata service, included)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address an IPv6 address embeds (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16), if any. */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  const parts = hex ?? sixToFour;
  if (!parts) return undefined;
  const high = Number.parseInt(parts[1] ?? '0', 16);
  const low = Number.parseInt(parts[2] ?? '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Whether an IP address (v4 or v6, as DNS answers it) is a public unicast address a delivery may reach. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !blocked.check(address, 'ipv4');
  if (family !== 6) return false;
  const v4 = embeddedIpv4(address);
  if (v4 !== undefined) return isIP(v4) === 4 && !blocked.check(v4, 'ipv4');
  return !blocked.check(address, 'ipv6');
}

export type UrlRefusal = 'not-a-url' | 'scheme' | 'port' | 'credentials' | 'host';

export interface DeliveryTarget {
  url: URL;
  /** The host name to resolve, or the IP literal itself. */
  host: string;
  port: number;
  /** The local stack's loopback receiver: http to 127.0.0.1, no DNS. */
  loopback: boolean;
}

/** Why a URL can never be delivered to, or where to deliver (its addresses are checked on every delivery). */
export function deliveryTarget(raw: string, options: { allowLoopbackHttp: boolean }): DeliveryTarget | UrlRefusal {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not-a-url';
  }
  if (url.username || url.password) return 'credentials';
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  if (options.allowLoopbackHttp && url.protocol === 'http:' && host === '127.0.0.1' && url.port !== '') {
    return { url, host, port: Number(url.port), loopback: true };
  }
  if (url.protocol !== 'https:') return 'scheme';
  if (url.port !== '' && url.port !== '443') return 'port';
  if (host === '' || host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || host.endsWith('.local'))
    return 'host';
  if (isIP(host) !== 0 && !isPublicAddress(host)) return 'host';
  return { url, host, port: 443, loopback: false };
}

/** What each refusal says to the person registering the URL. */
export const URL_RULE: Readonly<Record<UrlRefusal | 'address', string>> = {
  'not-a-url': 'url must be an absolute URL',
  scheme: 'url must use https',
  port: 'url must use port 443',
  credentials: 'url must not contain a user name or password',
  host: 'url must name a public host',
  address: 'url must resolve to public addresses only',
};
