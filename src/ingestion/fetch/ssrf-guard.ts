/**
 * SSRF guard: which addresses a source may be fetched from.
 *
 * The check runs on the address a hostname RESOLVES to, inside the socket's own DNS lookup
 * (see `guardedLookup`), so a hostname that resolves to a public address for a pre-flight
 * check and to 127.0.0.1 at connect time (DNS rebinding) is still refused. IP literals never go
 * through a lookup, so `assertHostAllowed` checks them before each hop.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP, isIPv4, isIPv6 } from 'node:net';
import { FetchError } from '../../shared/errors.ts';

const blocked = new BlockList();

// IPv4: "this network", private, CGNAT, loopback, link-local (incl. cloud metadata
// 169.254.169.254), IETF/documentation/benchmark ranges, multicast, reserved and broadcast.
const ipv4Subnets: [string, number][] = [
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
];
for (const [network, prefix] of ipv4Subnets) blocked.addSubnet(network, prefix, 'ipv4');

// IPv6: unspecified, loopback, IPv4-compatible (deprecated), discard-only, documentation,
// unique-local, link-local, site-local (deprecated), multicast.
const ipv6Subnets: [string, number][] = [
  ['::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
];
for (const [network, prefix] of ipv6Subnets) blocked.addSubnet(network, prefix, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (handles `::` and a dotted IPv4 tail). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const zone = text.indexOf('%');
  if (zone !== -1) text = text.slice(0, zone);
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1] !== undefined) {
    const parts = dotted[1].split('.').map(Number);
    const [a = 0, b = 0, c = 0, d = 0] = parts;
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array.from({ length: Math.max(missing, 0) }, () => '0'), ...tailGroups];
  return groups.map((group) => Number.parseInt(group, 16));
}

function ipv4FromGroups(high: number, low: number): string {
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

/**
 * The IPv4 address carried inside an IPv6 address, for the forms that reach an IPv4 host:
 * IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d and 6to4 2002:AABB:CCDD::.
 */
function embeddedIpv4(address: string): string | undefined {
  const g = ipv6Groups(address);
  if (g.length !== 8) return undefined;
  const at = (index: number): number => g[index] ?? 0;
  if (at(0) === 0 && at(1) === 0 && at(2) === 0 && at(3) === 0 && at(4) === 0 && at(5) === 0xffff) {
    return ipv4FromGroups(at(6), at(7));
  }
  if (at(0) === 0x64 && at(1) === 0xff9b && at(2) === 0 && at(3) === 0 && at(4) === 0 && at(5) === 0) {
    return ipv4FromGroups(at(6), at(7));
  }
  if (at(0) === 0x2002) return ipv4FromGroups(at(1), at(2));
  return undefined;
}

/** True when `address` (an IP literal) must not be fetched from without ALLOW_PRIVATE_SOURCES. */
export function isBlockedAddress(address: string, exempt?: BlockList): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (exempt !== undefined && isIP(bare) !== 0 && exempt.check(bare, isIPv4(bare) ? 'ipv4' : 'ipv6')) return false;
  if (isIPv4(bare)) return blocked.check(bare, 'ipv4');
  if (!isIPv6(bare)) return true; // not an IP at all: refuse rather than guess
  const inner = embeddedIpv4(bare);
  if (inner !== undefined && blocked.check(inner, 'ipv4')) return true;
  const withoutZone = bare.includes('%') ? bare.slice(0, bare.indexOf('%')) : bare;
  return blocked.check(withoutZone, 'ipv6');
}

function blockedError(host: string, address: string): FetchError {
  const where = host === address ? address : `${host} (${address})`;
  return new FetchError(
    'FETCH_BLOCKED',
    `refusing to fetch from ${where}: loopback, private, link-local and reserved addresses are blocked (set ALLOW_PRIVATE_SOURCES=true to allow)`,
  );
}

/** Refuses a URL hostname that is itself a blocked IP literal (those skip DNS lookup). */
export function assertHostAllowed(hostname: string, exempt?: BlockList): void {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (isIP(bare) !== 0 && isBlockedAddress(bare, exempt)) throw blockedError(hostname, bare);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A drop-in for `dns.lookup` used as the socket's `lookup` option: resolves, then refuses the
 * connection when any resolved address is blocked (a mixed answer is treated as hostile).
 * Node calls it with `{ all: true }` when autoSelectFamily is on, so both shapes are answered.
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  guardedLookupFor(undefined)(hostname, options, callback);
}

/** `guardedLookup` with exemptions. */
export function guardedLookupFor(exempt: BlockList | undefined): (hostname: string, options: LookupOptions, callback: LookupCallback) => void {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, []);
        return;
      }
      const bad = addresses.find((entry) => isBlockedAddress(entry.address, exempt));
      if (bad !== undefined) {
        callback(blockedError(hostname, bad.address), []);
        return;
      }
      const first = addresses[0];
      if (first === undefined) {
        const notFound: NodeJS.ErrnoException = new Error(`no address for ${hostname}`);
        notFound.code = 'ENOTFOUND';
        callback(notFound, []);
        return;
      }
      if (options.all === true) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}
