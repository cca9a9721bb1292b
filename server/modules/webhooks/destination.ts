import dns from 'node:dns';
import net from 'node:net';
import { AppError } from '../../platform/http/errors.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

const BLOCKED = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local (cloud metadata)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const)
  BLOCKED.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible form
  ['64:ff9b::', 96], // NAT64
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10],
  ['ff00::', 8], // multicast
] as const)
  BLOCKED.addSubnet(prefix, bits, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (with an embedded dotted IPv4 tail expanded). */
function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase().split('%')[0] ?? '';
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail?.[1]) {
    const octets = tail[1].split('.').map(Number);
    text = `${text.slice(0, -tail[1].length)}${((octets[0]! << 8) | octets[1]!).toString(16)}:${((octets[2]! << 8) | octets[3]!).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (rest === undefined ? left.length !== 8 : missing < 0) return null;
  const groups = [...left, ...Array<string>(rest === undefined ? 0 : missing).fill('0'), ...right].map((g) =>
    Number.parseInt(g, 16),
  );
  return groups.some((g) => Number.isNaN(g)) ? null : groups;
}

/** `::ffff:a.b.c.d` (in any spelling) as the IPv4 address it stands for; otherwise null. */
export function mappedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  if (!g || g.slice(0, 5).some((x) => x !== 0) || g[5] !== 0xffff) return null;
  return [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff].join('.');
}

/** Whether an IP address is loopback, private, link-local, CGNAT, unique-local, multicast, unspecified … */
export function isForbiddenAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  if (family === 6) {
    const v4 = mappedIpv4(address);
    if (v4) return BLOCKED.check(v4, 'ipv4');
    return BLOCKED.check(address.split('%')[0]!, 'ipv6');
  }
  return true;
}

/** 422 with the reason (`invalid_url`, `scheme`, `credentials`, `unresolvable`, `internal_address`) in details. */
function forbidden(reason: string, address?: string): AppError {
  return new AppError('webhook_destination_forbidden', {
    params: { reason },
    details: [{ path: 'url', reason, ...(address ? { address } : {}) }],
  });
}

export type Lookup = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: Lookup = async (hostname) => {
  const rows = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return rows.map((r) => ({ address: r.address, family: r.family === 6 ? 6 : 4 }));
};

/** Syntax checks of a destination URL (scheme, no credentials); throws 422 webhook_destination_forbidden. */
export function parseDestination(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw forbidden('invalid_url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw forbidden('scheme');
  if (url.username || url.password) throw forbidden('credentials');
  return url;
}

/**
 * Resolves the destination's host (every address) and refuses it when any address is on a loopback,
 * private or otherwise internal network, unless those are allowed. Returns the address to connect to.
 */
export async function resolveDestination(
  raw: string,
  options: { allowPrivate: boolean; lookup?: Lookup },
): Promise<{ url: URL; address: ResolvedAddress }> {
  const url = parseDestination(raw);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: ResolvedAddress[];
  const literal = net.isIP(host);
  if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await (options.lookup ?? systemLookup)(host);
    } catch {
      throw forbidden('unresolvable');
    }
  }
  const first = addresses[0];
  if (!first) throw forbidden('unresolvable');
  if (!options.allowPrivate) {
    const bad = addresses.find((a) => isForbiddenAddress(a.address));
    if (bad) throw forbidden('internal_address', bad.address);
  }
  return { url, address: first };
}
