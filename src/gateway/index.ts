/**
 * The gateway: live headlines over Socket.IO and SSE, and REST history.
 *
 * `createGateway` builds the live loop, the broadcaster and the HTTP routes (mounted by the
 * express app); `attach` puts Socket.IO on the HTTP server and starts the loop; `close`
 * stops the loop, then closes client connections (they reconnect elsewhere and resume).
 */
import type { Server as HttpServer } from 'node:http';
import { Router } from 'express';
import type { Config } from '../config/env.ts';
import type { Logger } from '../shared/logger.ts';
import type { Metrics } from '../shared/metrics.ts';
import type { HeadlineReader } from '../streams/reader.ts';
import { createHeadlinesRouter } from './http/headlines-routes.ts';
import { capStreamsPerAddress } from './http/sse-admission.ts';
import { createSseRouter } from './http/sse-routes.ts';
import { Broadcaster } from './live/broadcaster.ts';
import { RecentWindow } from './live/recent-window.ts';
import { StreamTail } from './live/stream-tail.ts';
import { createSocketServer, type SocketServer } from './socket/socket-server.ts';
import type { GatewaySocket } from './socket/types.ts';
import type { RedisClient } from '../shared/redis.ts';

export interface GatewayDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  reader: HeadlineReader;
  /** REST history (GET /api/headlines): may read a replica; resumes use `reader`. */
  historyReader: HeadlineReader;
  /** Dedicated to the live loop's XREAD BLOCK; disconnected when the gateway closes. */
  blockingRedis: RedisClient;
  /** For the Socket.IO adapter only. */
  adapterRedis: RedisClient;
}

export interface Gateway {
  /** GET /api/headlines and GET /api/stream. */
  readonly router: Router;
  attach(server: HttpServer): void;
  close(): Promise<void>;
}

export function createGateway(deps: GatewayDeps): Gateway {
  const logger = deps.logger.child({ module: 'gateway' });
  const tail = new StreamTail({ redis: deps.blockingRedis, logger, metrics: deps.metrics });
  let sockets: SocketServer | undefined;
  const broadcaster = new Broadcaster<GatewaySocket>({
    emitToMembers: (groups, headlines) => sockets?.emitToMembers(groups, headlines),
    emitChangesToMembers: (groups, changes) => sockets?.emitChangesToMembers(groups, changes),
    logger,
    metrics: deps.metrics,
  });
  const window =
    deps.config.GATEWAY_RECENT_WINDOW > 0
      ? new RecentWindow({ maxEntries: deps.config.GATEWAY_RECENT_WINDOW, maxBytes: deps.config.GATEWAY_RECENT_WINDOW_MB * 1024 * 1024 })
      : undefined;
  tail.onBatch((batch, position) => broadcaster.onBatch(batch, position));
  if (window !== undefined) tail.onBatch((batch, position) => window.onBatch(batch, position, () => void window.fill(deps.reader, logger)));
  const sse = createSseRouter({
    reader: deps.reader,
    window,
    broadcaster,
    logger,
    metrics: deps.metrics,
    heartbeatMs: deps.config.SSE_HEARTBEAT_MS,
    maxBufferedBytes: deps.config.GATEWAY_MAX_BUFFERED_BYTES,
  });
  const router = Router();
  router.use(createHeadlinesRouter({ reader: deps.historyReader }));
  router.use('/api/stream', capStreamsPerAddress(deps.config.GATEWAY_MAX_CONNECTIONS_PER_IP, deps.metrics));
  router.use(sse.router);

  return {
    router,
    attach: (server) => {
      sockets = createSocketServer(server, {
        config: deps.config,
        logger,
        metrics: deps.metrics,
        reader: deps.reader,
        window,
        broadcaster,
        adapterRedis: deps.adapterRedis,
      });
      tail.start();
    },
    close: async () => {
      await tail.stop();
      sse.closeAll();
      await sockets?.close();
    },
  };
}
