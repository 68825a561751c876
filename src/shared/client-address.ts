/**
 * The client's address, seen through the proxies we trust: the same rule for express (`trust
 * proxy`, which the publish API's per-key limits and the request logs use) and for the
 * Socket.IO admission (the per-IP connection cap). Behind the nginx of docker-compose.yml every
 * connection's peer is nginx, and only X-Forwarded-For tells the clients apart; a peer outside
 * these ranges is a client itself, and whatever it sends in X-Forwarded-For is ignored.
 */
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

export const TRUSTED_PROXIES: readonly string[] = ['loopback', 'linklocal', 'uniquelocal'];

const trusted = proxyaddr.compile([...TRUSTED_PROXIES]);

export function clientAddress(req: IncomingMessage): string {
  // proxy-addr walks X-Forwarded-For from the right while the hops are trusted. Its types say
  // string, but a socket already closed has no remote address.
  const address: string | undefined = proxyaddr(req, trusted);
  return address ?? 'unknown';
}
