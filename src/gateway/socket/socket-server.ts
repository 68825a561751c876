/**
 * The Socket.IO server on the service's HTTP server, put together from its parts: the server
 * and its admission (io-server.ts), engine.io connections (connections.ts), the sockets' events
 * (socket-events.ts), the timers (sweeps.ts), the live write path and graceful close.
 */
import type { Server as HttpServer } from 'node:http';
import type { Config } from '../../config/env.ts';
import type { Headline } from '../../headlines/headline.ts';
import type { HeadlineChange } from '../../protocol/headline.ts';
import { clientAddressResolver, compileTrustedProxies } from '../../shared/client-address.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import type { HeadlineReader } from '../../streams/reader.ts';
import type { RecentWindow } from '../live/recent-window.ts';
import type { Broadcaster } from '../live/broadcaster.ts';
import { ConnectionCounter, createOriginCheck, OriginRefusals } from './admission.ts';
import { watchConnections } from './connections.ts';
import { EngineAdapter } from './engine-adapter.ts';
import { broadcastHeadlines, type FrameBroadcastStats } from './frame-broadcast.ts';
import { createGatewayAdapter } from './adapter.ts';
import { createIo, type AdmissionState } from './io-server.ts';
import { SocketEvents } from './socket-events.ts';
import { dropBehind } from './subscribe-handler.ts';
import { gaugeCluster, sweepSlowConsumers } from './sweeps.ts';
import type { GatewaySocket } from './types.ts';
import type { RedisClient } from '../../shared/redis.ts';

export interface SocketServerDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  reader: HeadlineReader;
  window?: RecentWindow | undefined;
  broadcaster: Broadcaster<GatewaySocket>;
  /** The adapter's own client (never the blocking one); the adapter duplicates it for reads. */
  adapterRedis: RedisClient;
}

export interface SocketServer {
  /** One broadcast to the sockets of `groups`: encoded once, each socket written once. */
  emitToMembers(groups: readonly ReadonlySet<GatewaySocket>[], headlines: readonly Headline[]): void;
  /** Changes are rare: Socket.IO's own room broadcast (one encode) is enough for them. */
  emitChangesToMembers(groups: readonly ReadonlySet<GatewaySocket>[], changes: readonly HeadlineChange[]): void;
  close(): Promise<void>;
}

export function createSocketServer(server: HttpServer, deps: SocketServerDeps): SocketServer {
  const { config, logger, metrics } = deps;
  const clientAddress = clientAddressResolver(compileTrustedProxies(config.TRUSTED_PROXIES));
  const admission: AdmissionState = {
    closing: false,
    originAllowed: createOriginCheck(config.ALLOWED_ORIGINS),
    counter: new ConnectionCounter(config.GATEWAY_MAX_CONNECTIONS_PER_IP),
    clientAddress,
    refusals: new OriginRefusals(),
  };
  const adapter = createGatewayAdapter(deps.adapterRedis, logger, metrics);
  const io = createIo(server, deps, admission, adapter);
  const engine = new EngineAdapter(io.engine, { directFrames: config.GATEWAY_DIRECT_FRAMES, logger });
  const connections = watchConnections(io, { ...admission, engine, logger, metrics });
  const handlerDeps = { reader: deps.reader, window: deps.window, broadcaster: deps.broadcaster, engine, logger, metrics };
  const events = new SocketEvents(handlerDeps, config.GATEWAY_SUBSCRIBE_BURST);
  io.on('connection', (socket) => events.attach(socket));
  const stopSweeps = [
    sweepSlowConsumers({
      sockets: () => events.sockets(),
      bufferedBytes: (socket) => engine.bufferedBytes(socket.conn),
      maxBufferedBytes: config.GATEWAY_MAX_BUFFERED_BYTES,
      drop: (socket, reason) => dropBehind(socket, handlerDeps, reason),
    }),
    gaugeCluster(io, () => events.size, deps),
  ];

  function countWrites(stats: FrameBroadcastStats): void {
    if (stats.direct > 0) metrics.gatewayFrameWrites.inc({ path: 'direct' }, stats.direct);
    if (stats.queued > 0) metrics.gatewayFrameWrites.inc({ path: 'engine.io' }, stats.queued);
  }

  return {
    // Local sockets only: every gateway reads the stream itself; the adapter must not relay headlines.
    emitToMembers: (groups, headlines) => countWrites(broadcastHeadlines(io, engine, groups, headlines)),
    emitChangesToMembers: (groups, changes) => {
      const ids: string[] = [];
      for (const group of groups) for (const socket of group) if (socket.connected) ids.push(socket.id);
      if (ids.length > 0) io.local.to(ids).emit('changes', [...changes]);
    },
    close: async () => {
      admission.closing = true;
      for (const stop of stopSweeps) stop();
      connections.close();
      // Closing transports (not a server-side disconnect) makes clients reconnect elsewhere.
      io.engine.close();
      events.closeAll();
      await io.of('/').adapter.close();
      adapter.disconnect();
    },
  };
}
