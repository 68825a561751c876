/**
 * The client's address, seen through the proxies we trust (`TRUSTED_PROXIES`): one rule for
 * express (`trust proxy`, which `req.ip`, the REST/SSE rate limits and the request logs use)
 * and for the Socket.IO admission (the per-IP connection cap). A peer outside the trusted
 * list is a client itself, and whatever it sends in X-Forwarded-For is ignored; so a client on
 * an intranet, or behind a SNAT load balancer that is not listed, cannot pick its address.
 */
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** The trust test express and proxy-addr take: true when the hop at `address` is a trusted proxy. */
export type ProxyTrust = (address: string, hop: number) => boolean;

/** Compiles a `TRUSTED_PROXIES` list (addresses, CIDRs, `loopback`/`linklocal`/`uniquelocal`); throws on a bad entry. */
export function compileTrustedProxies(list: readonly string[]): ProxyTrust {
  return proxyaddr.compile([...list]);
}

export type ClientAddressOf = (req: IncomingMessage) => string;

export function clientAddressResolver(trust: ProxyTrust): ClientAddressOf {
  return (req) => {
    // proxy-addr walks X-Forwarded-For from the right while the hops are trusted. Its types say
    // string, but a socket already closed has no remote address.
    const address: string | undefined = proxyaddr(req, trust);
    return address ?? 'unknown';
  };
}
