/** IP address and CIDR lists (ALLOW_PRIVATE_SOURCES names an intranet's 10.1.0.0/16 this way). */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** A BlockList holding every entry (a bare address is a /32 or /128); throws RangeError on a malformed one. */
export function cidrList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of cidrs) {
    const [network = '', prefixText] = entry.split('/');
    const family = isIPv4(network) ? 'ipv4' : isIPv6(network) ? 'ipv6' : undefined;
    if (family === undefined) throw new RangeError(`"${entry}" is not an IP address or CIDR`);
    const prefix = prefixText === undefined ? (family === 'ipv4' ? 32 : 128) : Number(prefixText);
    if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 'ipv4' ? 32 : 128)) throw new RangeError(`"${entry}" has a bad prefix length`);
    list.addSubnet(network, prefix, family);
  }
  return list;
}
