/**
 * Engine.io connections, below Socket.IO's sockets: counted per client address while open,
 * watched for message floods, and trimmed of what they keep but never use.
 */
import type { Socket as EngineSocket } from 'engine.io';
import type { ClientAddressOf } from '../../shared/client-address.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import { ConnectionAddresses, type ConnectionCounter, type OriginRefusals } from './admission.ts';
import type { EngineAdapter } from './engine-adapter.ts';
import { createPacketFloodGuard } from './packet-flood.ts';
import type { GatewayIo } from './types.ts';

/**
 * Messages per second after which a connection is disconnected whatever it sends. A client
 * sends a handful in its life (subscribe, unsubscribe); a hundred in one second is a flood.
 */
const FLOOD_PACKETS_PER_SECOND = 100;

export interface ConnectionsDeps {
  counter: ConnectionCounter;
  clientAddress: ClientAddressOf;
  refusals: OriginRefusals;
  engine: EngineAdapter;
  logger: Logger;
  metrics: Metrics;
}

export interface ConnectionWatch {
  close(): void;
}

export function watchConnections(io: GatewayIo, deps: ConnectionsDeps): ConnectionWatch {
  const { counter, logger, metrics } = deps;
  // One listener shared by every connection (engine.io calls it with the connection as `this`
  // and emits `close` once): counting costs no per-connection closure.
  const addresses = new ConnectionAddresses(deps.clientAddress);
  function releaseAddress(this: EngineSocket): void {
    counter.release(addresses.of(this));
    addresses.forget(this);
  }
  const floodGuard = createPacketFloodGuard(FLOOD_PACKETS_PER_SECOND, (conn) => {
    logger.warn({ ip: addresses.of(conn) }, 'disconnecting a connection flooding messages');
    metrics.rateLimitHits.inc({ kind: 'flood-disconnect' });
    conn.close();
  });
  io.engine.on('connection', (conn: EngineSocket) => {
    // Before the adapter releases the request, whose forwarding header names the client.
    counter.add(addresses.remember(conn));
    deps.refusals.remember(conn);
    conn.on('close', releaseAddress);
    floodGuard.watch(conn);
    deps.engine.onConnection(conn);
  });
  return { close: () => floodGuard.close() };
}
