/**
 * The Socket.IO server on the service's HTTP server: admission (origin, per-IP cap), event
 * rate limits, the subscribe handlers, slow-consumer checks, metrics and graceful close.
 */
import type { Server as HttpServer } from 'node:http';
import type { Socket as EngineSocket } from 'engine.io';
import { Server } from 'socket.io';
import type { Config } from '../../config/env.ts';
import type { Headline } from '../../headlines/headline.ts';
import { clientAddressResolver, compileTrustedProxies } from '../../shared/client-address.ts';
import { describeError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import type { HeadlineReader } from '../../streams/reader.ts';
import type { Broadcaster } from '../live/broadcaster.ts';
import { admit, ConnectionAddresses, ConnectionCounter, createOriginCheck, OriginRefusals } from './admission.ts';
import { createGatewayAdapter } from './adapter.ts';
import { dropUpgradeResponseListeners, trimConnection, trimHandshake } from './connection-memory.ts';
import type { HeadlineChange } from '../../protocol/headline.ts';
import { broadcastHeadlines, type FrameBroadcastStats } from './frame-broadcast.ts';
import { createOriginRefusalLog } from './origin-refusals.ts';
import { createPacketFloodGuard } from './packet-flood.ts';
import { takeToken, type BucketRate } from './rate-limit.ts';
import { bufferedBytes } from './slow-consumers.ts';
import {
  closeSocketState,
  dropBehind,
  handleSubscribe,
  handleUnsubscribe,
  replyOf,
  type SocketState,
} from './subscribe-handler.ts';
import type { GatewayIo, GatewaySocket } from './types.ts';
import type { RedisClient } from '../../shared/redis.ts';

export interface SocketServerDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  reader: HeadlineReader;
  broadcaster: Broadcaster<GatewaySocket>;
  /** The adapter's own client (never the blocking one); the adapter duplicates it for reads. */
  adapterRedis: RedisClient;
}

/** The channels of a socket not subscribed yet: one shared empty list. */
const NO_CHANNELS: readonly string[] = Object.freeze([]);
/** Refusals in a row after which a socket counts as flooding and is disconnected. */
const FLOOD_REFUSALS = 20;
/**
 * Messages per second after which a connection is disconnected whatever it sends. A client
 * sends a handful in its life (subscribe, unsubscribe); a hundred in one second is a flood.
 */
const FLOOD_PACKETS_PER_SECOND = 100;
const SLOW_CHECK_MS = 500;
const CLUSTER_METRICS_MS = 2_000;

export interface SocketServer {
  /** One broadcast to the sockets of `groups`: encoded once, each socket written once. */
  emitToMembers(groups: readonly ReadonlySet<GatewaySocket>[], headlines: readonly Headline[]): void;
  /** Changes are rare: Socket.IO's own room broadcast (one encode) is enough for them. */
  emitChangesToMembers(groups: readonly ReadonlySet<GatewaySocket>[], changes: readonly HeadlineChange[]): void;
  close(): Promise<void>;
}

export function createSocketServer(server: HttpServer, deps: SocketServerDeps): SocketServer {
  const { config, logger, metrics } = deps;
  const counter = new ConnectionCounter(config.GATEWAY_MAX_CONNECTIONS_PER_IP);
  const clientAddress = clientAddressResolver(compileTrustedProxies(config.TRUSTED_PROXIES));
  const admission = { closing: false, originAllowed: createOriginCheck(config.ALLOWED_ORIGINS), counter, clientAddress };
  const logRefusedOrigin = createOriginRefusalLog(logger);
  const refusals = new OriginRefusals();
  const io: GatewayIo = new Server(server, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 8 * 1024,
    perMessageDeflate: false,
    httpCompression: false,
    cors: { origin: config.ALLOWED_ORIGINS.includes('*') ? '*' : config.ALLOWED_ORIGINS },
    adapter: createGatewayAdapter(deps.adapterRedis, logger, metrics),
    allowRequest: (req, callback) => {
      const verdict = admit(req, admission);
      if (verdict.ok) {
        callback(null, true);
        return;
      }
      metrics.rateLimitHits.inc({ kind: verdict.kind });
      if (verdict.kind === 'origin') {
        logRefusedOrigin(req.headers.origin);
        refusals.refuse(req);
        callback(null, true);
        return;
      }
      callback(verdict.message, false);
    },
  });

  dropUpgradeResponseListeners(io.engine);
  io.use(refusals.middleware);
  // One listener shared by every connection (engine.io calls it with the connection as `this`
  // and emits `close` once): counting costs no per-connection closure.
  const addresses = new ConnectionAddresses(clientAddress);
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
    // Before trimConnection releases the request, whose forwarding header names the client.
    counter.add(addresses.remember(conn));
    refusals.remember(conn);
    conn.on('close', releaseAddress);
    floodGuard.watch(conn);
    trimConnection(conn);
  });

  io.on('socketCount', (reply) => reply(states.size));

  const handlerDeps = { reader: deps.reader, broadcaster: deps.broadcaster, logger, metrics };
  const states = new Map<GatewaySocket, SocketState>();
  const rate: BucketRate = { capacity: config.GATEWAY_SUBSCRIBE_BURST, refillPerSecond: config.GATEWAY_SUBSCRIBE_BURST / 10 };

  /**
   * The event rate limit, checked by the handlers of the events the gateway answers (a
   * `socket.use` middleware would cost every socket a closure and an array). Events without
   * a handler are dropped by socket.io after decoding; the packet flood guard bounds those.
   * False when the socket is out of tokens: the event is then answered with RATE_LIMITED
   * (when it has an ack) and not handled, and a socket that keeps going is disconnected.
   */
  function admitEvent(socket: GatewaySocket, state: SocketState, ack: unknown): boolean {
    if (takeToken(state, rate, Date.now())) return true;
    metrics.rateLimitHits.inc({ kind: 'socket-event' });
    replyOf<never>(ack)?.({ ok: false, error: { code: 'RATE_LIMITED', message: 'too many requests; slow down' } });
    if (state.refusals >= FLOOD_REFUSALS) {
      logger.warn({ socket: socket.id, ip: socket.handshake.address }, 'disconnecting a flooding socket');
      metrics.rateLimitHits.inc({ kind: 'flood-disconnect' });
      socket.disconnect(true);
    }
    return false;
  }

  // One set of listeners shared by every socket (socket.io calls them with the socket as
  // `this`): idle connections hold no per-socket closures.
  function onSubscribe(this: GatewaySocket, payload: unknown, ack: unknown): void {
    const state = states.get(this);
    if (state !== undefined && admitEvent(this, state, ack)) handleSubscribe(this, state, handlerDeps, payload, ack);
  }
  function onUnsubscribe(this: GatewaySocket, payload: unknown, ack: unknown): void {
    const state = states.get(this);
    if (state !== undefined && admitEvent(this, state, ack)) handleUnsubscribe(this, state, handlerDeps, payload, ack);
  }
  function onError(this: GatewaySocket, error: unknown): void {
    // socket.io reports its errors as Error objects; a client may also send an event named
    // "error", whose JSON arguments never are one: that is no error of ours, and is ignored.
    if (!(error instanceof Error)) return;
    metrics.errors.inc({ component: 'socket', code: describeError(error).code });
    logger.warn({ socket: this.id, err: error.message }, 'socket error');
  }
  function onDisconnect(this: GatewaySocket): void {
    const state = states.get(this);
    if (state === undefined) return;
    closeSocketState(state, handlerDeps);
    states.delete(this);
    metrics.gatewaySockets.dec();
  }

  io.on('connection', (socket) => {
    trimHandshake(socket.handshake);
    const state: SocketState = {
      channels: NO_CHANNELS,
      membership: undefined,
      gate: undefined,
      abandon: undefined,
      queue: undefined,
      closed: false,
      tokens: rate.capacity,
      tokensAt: Date.now(),
      refusals: 0,
    };
    states.set(socket, state);
    metrics.gatewaySockets.inc();

    // Handlers take `unknown`: the typed maps say what a good client sends, not what arrives.
    socket.on('subscribe', onSubscribe);
    socket.on('unsubscribe', onUnsubscribe);
    socket.on('error', onError);
    socket.on('disconnect', onDisconnect);
  });

  const slowCheck = setInterval(() => {
    for (const socket of states.keys()) {
      const bytes = bufferedBytes(socket.conn);
      if (bytes > config.GATEWAY_MAX_BUFFERED_BYTES) dropBehind(socket, handlerDeps, `${bytes} bytes unsent`);
    }
  }, SLOW_CHECK_MS);
  slowCheck.unref();

  let clusterFailures = 0;
  const clusterMetrics = setInterval(() => {
    void (async () => {
      try {
        metrics.gatewayServers.set(await io.of('/').adapter.serverCount());
        const remote = await io.serverSideEmitWithAck('socketCount');
        metrics.gatewayClusterSockets.set(states.size + remote.reduce((sum, count) => sum + count, 0));
        clusterFailures = 0;
      } catch (error) {
        clusterFailures += 1;
        metrics.errors.inc({ component: 'adapter', code: describeError(error).code });
        if (clusterFailures === 1) logger.warn({ err: describeError(error).message }, 'cluster metrics unavailable');
      }
    })();
  }, CLUSTER_METRICS_MS);
  clusterMetrics.unref();

  function countWrites(stats: FrameBroadcastStats): void {
    if (stats.direct > 0) metrics.gatewayFrameWrites.inc({ path: 'direct' }, stats.direct);
    if (stats.queued > 0) metrics.gatewayFrameWrites.inc({ path: 'engine.io' }, stats.queued);
  }

  return {
    // Local sockets only: every gateway reads the stream itself; the adapter must not relay headlines.
    emitToMembers: (groups, headlines) => countWrites(broadcastHeadlines(io, groups, headlines)),
    emitChangesToMembers: (groups, changes) => {
      const ids: string[] = [];
      for (const group of groups) for (const socket of group) if (socket.connected) ids.push(socket.id);
      if (ids.length > 0) io.local.to(ids).emit('changes', [...changes]);
    },
    close: async () => {
      admission.closing = true;
      clearInterval(slowCheck);
      clearInterval(clusterMetrics);
      floodGuard.close();
      // Closing transports (not a server-side disconnect) makes clients reconnect elsewhere.
      io.engine.close();
      for (const state of states.values()) closeSocketState(state, handlerDeps);
      await io.of('/').adapter.close();
    },
  };
}
