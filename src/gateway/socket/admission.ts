/**
 * Who may open a Socket.IO connection: browser origins from ALLOWED_ORIGINS (a request
 * without an Origin header is a non-browser client and is let through), a cap on
 * connections per IP, and nobody while the gateway shuts down.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket as EngineSocket } from 'engine.io';
import { ORIGIN_NOT_ALLOWED, type ConnectErrorData } from '../../protocol/events.ts';
import type { ClientAddressOf } from '../../shared/client-address.ts';
import type { GatewaySocket } from './types.ts';

function normaliseOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.origin === 'null' ? undefined : url.origin.toLowerCase();
  } catch {
    return undefined;
  }
}

export function createOriginCheck(allowed: readonly string[]): (origin: string | undefined) => boolean {
  if (allowed.includes('*')) return () => true;
  const set = new Set(allowed.map((entry) => normaliseOrigin(entry) ?? entry.toLowerCase()));
  return (origin) => {
    if (origin === undefined) return true;
    const normalised = normaliseOrigin(origin);
    return normalised !== undefined && set.has(normalised);
  };
}

interface CountedConnection {
  readonly remoteAddress: string | undefined;
  readonly request: IncomingMessage | null;
}

/**
 * The addresses open connections were counted under. Most connections are counted under
 * their peer address, which engine.io keeps (`remoteAddress`) after the upgrade request is
 * released (engine-adapter.ts); only a connection that came through a proxy needs its
 * forwarded address remembered, so the map holds only those.
 */
export class ConnectionAddresses {
  private readonly forwarded = new Map<CountedConnection, string>();

  constructor(private readonly clientAddress: ClientAddressOf) {}

  /** Call while `conn.request` is still there, i.e. from the engine's `connection` event. */
  remember(conn: CountedConnection): string {
    const ip = conn.request === null ? (conn.remoteAddress ?? 'unknown') : this.clientAddress(conn.request);
    if (ip !== conn.remoteAddress) this.forwarded.set(conn, ip);
    return ip;
  }

  of(conn: CountedConnection): string {
    return this.forwarded.get(conn) ?? conn.remoteAddress ?? 'unknown';
  }

  forget(conn: CountedConnection): void {
    this.forwarded.delete(conn);
  }
}

/**
 * Open connections per address. `add` and `release` are called once each per connection (on
 * its open and its single `close`), so no per-connection release closure is needed.
 */
export class ConnectionCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly maxPerIp: number) {}

  hasRoom(ip: string): boolean {
    return (this.counts.get(ip) ?? 0) < this.maxPerIp;
  }

  add(ip: string): void {
    this.counts.set(ip, (this.counts.get(ip) ?? 0) + 1);
  }

  release(ip: string): void {
    const next = (this.counts.get(ip) ?? 1) - 1;
    if (next <= 0) this.counts.delete(ip);
    else this.counts.set(ip, next);
  }
}

export type AdmissionVerdict = { ok: true } | { ok: false; kind: 'closing' | 'origin' | 'ip-cap'; message: string };

export function admit(
  req: IncomingMessage,
  state: { closing: boolean; originAllowed: (origin: string | undefined) => boolean; counter: ConnectionCounter; clientAddress: ClientAddressOf },
): AdmissionVerdict {
  if (state.closing) return { ok: false, kind: 'closing', message: 'gateway is shutting down' };
  const origin = req.headers.origin;
  if (!state.originAllowed(origin)) return { ok: false, kind: 'origin', message: 'origin not allowed' };
  if (!state.counter.hasRoom(state.clientAddress(req))) return { ok: false, kind: 'ip-cap', message: 'too many connections from this address' };
  return { ok: true };
}

/**
 * A browser cannot read why a WebSocket handshake was refused, so a page whose origin is not
 * allowed would only ever see "connection failed" and retry for ever. Its connection is let
 * through the handshake instead and refused at the namespace with `connect_error` data
 * `{ code: ORIGIN_NOT_ALLOWED }`, which the widget shows as "not enabled for this site"; it
 * joins nothing and is closed once the refusal is sent (the refusal is logged by
 * ./origin-refusals.ts, once a minute per origin).
 */
export class OriginRefusals {
  private readonly requests = new WeakSet<IncomingMessage>();
  private readonly connections = new WeakSet<EngineSocket>();

  /** From allowRequest, for a request whose origin the check refused. */
  refuse(req: IncomingMessage): void {
    this.requests.add(req);
  }

  /** From the engine's `connection` event, while `conn.request` is still there. */
  remember(conn: EngineSocket): void {
    if (this.requests.has(conn.request)) this.connections.add(conn);
  }

  /** The namespace middleware that says no to those connections. */
  readonly middleware = (socket: GatewaySocket, next: (error?: Error) => void): void => {
    if (!this.connections.has(socket.conn)) {
      next();
      return;
    }
    const data: ConnectErrorData = { code: ORIGIN_NOT_ALLOWED };
    next(Object.assign(new Error('this site is not allowed to show these headlines'), { data }));
    // socket.io sends the refusal on the next tick; the connection goes after it.
    setImmediate(() => socket.conn.close());
  };
}
