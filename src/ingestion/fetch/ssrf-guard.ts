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
import { cidrList } from '../../shared/cidr.ts';
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
 * The IPv4 addresses an IPv6 address can reach or stands for, per transition mechanism:
 * IPv4-mapped ::ffff:0:0/96 and IPv4-translated ::ffff:0:0:0/96 (SIIT), NAT64 64:ff9b::/96 and
 * its local-use 64:ff9b:1::/48 (RFC 8215), 6to4
 * 2002::/16 (the relay's IPv4 in bits 16..47), Teredo 2001::/32 (server IPv4 in bits 32..63,
 * client IPv4 inverted in the last 32 bits). Each must be checked as that IPv4 would be.
 */
export function embeddedIpv4s(address: string): string[] {
  const g = ipv6Groups(address);
  if (g.length !== 8 || g.some((group) => !Number.isInteger(group))) return [];
  const at = (index: number): number => g[index] ?? 0;
  const zeros = (from: number, to: number): boolean => g.slice(from, to).every((group) => group === 0);
  if (zeros(0, 5) && at(5) === 0xffff) return [ipv4FromGroups(at(6), at(7))];
  if (zeros(0, 4) && at(4) === 0xffff && at(5) === 0) return [ipv4FromGroups(at(6), at(7))];
  if (at(0) === 0x64 && at(1) === 0xff9b && zeros(2, 6)) return [ipv4FromGroups(at(6), at(7))];
  if (at(0) === 0x64 && at(1) === 0xff9b && at(2) === 1) {
    // A /96 prefix puts the IPv4 in the last 32 bits; RFC 6052's /48 puts octets a.b in bits
    // 48..63, then the reserved u octet, then c.d.
    if (at(6) !== 0 || at(7) !== 0) return [ipv4FromGroups(at(6), at(7))];
    return [ipv4FromGroups(at(3), ((at(4) & 0xff) << 8) | (at(5) >> 8))];
  }
  if (at(0) === 0x2002) return [ipv4FromGroups(at(1), at(2))];
  if (at(0) === 0x2001 && at(1) === 0) return [ipv4FromGroups(at(2), at(3)), ipv4FromGroups(at(6) ^ 0xffff, at(7) ^ 0xffff)];
  return [];
}

/** True when `address` (an IP literal) must not be fetched from without ALLOW_PRIVATE_SOURCES. */
export function isBlockedAddress(address: string, exempt?: BlockList): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (exempt !== undefined && isIP(bare) !== 0 && exempt.check(bare, isIPv4(bare) ? 'ipv4' : 'ipv6')) return false;
  if (isIPv4(bare)) return blocked.check(bare, 'ipv4');
  if (!isIPv6(bare)) return true; // not an IP at all: refuse rather than guess
  if (embeddedIpv4s(bare).some((inner) => blocked.check(inner, 'ipv4'))) return true;
  const withoutZone = bare.includes('%') ? bare.slice(0, bare.indexOf('%')) : bare;
  return blocked.check(withoutZone, 'ipv6');
}

// Cloud metadata services: refused even with ALLOW_PRIVATE_SOURCES=true (a feed on an intranet
// is a reason to open private ranges; reading instance credentials never is). The IPv4
// link-local range holds AWS, GCP, Azure, Oracle and DigitalOcean (169.254.169.254) and ECS
// (169.254.170.2); AWS also answers on fd00:ec2::254, Alibaba Cloud on 100.100.100.200.
const metadata = new BlockList();
metadata.addSubnet('169.254.0.0', 16, 'ipv4');
metadata.addAddress('100.100.100.200', 'ipv4');
metadata.addAddress('fd00:ec2::254', 'ipv6');

/** True for a cloud metadata address, in any IPv6 form that reaches it too. */
export function isMetadataAddress(address: string): boolean {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIPv4(bare)) return metadata.check(bare, 'ipv4');
  if (!isIPv6(bare)) return false;
  if (embeddedIpv4s(bare).some((inner) => metadata.check(inner, 'ipv4'))) return true;
  return metadata.check(bare.includes('%') ? bare.slice(0, bare.indexOf('%')) : bare, 'ipv6');
}

/** Which addresses a fetch may reach, from ALLOW_PRIVATE_SOURCES, and what to do about a refusal. */
export interface AddressPolicy {
  blocks(address: string): boolean;
  remedy: string;
}

/**
 * `false`: public addresses only. A list of CIDRs: those exempted too (which is how a metadata
 * address can be allowed: by naming it). `true`: everything but cloud metadata.
 */
export function addressPolicy(allowPrivate: boolean | readonly string[]): AddressPolicy {
  if (allowPrivate === true) {
    return { blocks: isMetadataAddress, remedy: 'cloud metadata addresses stay blocked with ALLOW_PRIVATE_SOURCES=true; list the address in ALLOW_PRIVATE_SOURCES to allow it' };
  }
  const exempt = allowPrivate === false ? undefined : cidrList(allowPrivate);
  return { blocks: (address) => isBlockedAddress(address, exempt), remedy: 'set ALLOW_PRIVATE_SOURCES=true, or list the address, to allow' };
}

const PUBLIC_ONLY = addressPolicy(false);

function blockedError(host: string, address: string, policy: AddressPolicy): FetchError {
  const where = host === address ? address : `${host} (${address})`;
  return new FetchError('FETCH_BLOCKED', `refusing to fetch from ${where}: loopback, private, link-local, metadata and reserved addresses are blocked (${policy.remedy})`);
}

/** Refuses a URL hostname that is itself a blocked IP literal (those skip DNS lookup). */
export function assertHostAllowed(hostname: string, policy: AddressPolicy = PUBLIC_ONLY): void {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (isIP(bare) !== 0 && policy.blocks(bare)) throw blockedError(hostname, bare, policy);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A drop-in for `dns.lookup` used as the socket's `lookup` option: resolves, then refuses the
 * connection when any resolved address is blocked (a mixed answer is treated as hostile).
 * Node calls it with `{ all: true }` when autoSelectFamily is on, so both shapes are answered.
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  guardedLookupFor(PUBLIC_ONLY)(hostname, options, callback);
}

/** `guardedLookup` under a policy (exemptions, or metadata-only with ALLOW_PRIVATE_SOURCES=true). */
export function guardedLookupFor(policy: AddressPolicy): (hostname: string, options: LookupOptions, callback: LookupCallback) => void {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, []);
        return;
      }
      const bad = addresses.find((entry) => policy.blocks(entry.address));
      if (bad !== undefined) {
        callback(blockedError(hostname, bad.address, policy), []);
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
