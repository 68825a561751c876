/**
 * The Socket.IO server itself: its options, the Redis streams adapter, and admission of each
 * handshake (closing, origin, per-address cap). A refused origin is let through the handshake
 * and refused at the namespace, where a browser can read why (admission.ts, OriginRefusals).
 */
import type { Server as HttpServer } from 'node:http';
import type { RedisClient } from '../../shared/redis.ts';
import { Server } from 'socket.io';
import type { Config } from '../../config/env.ts';
import type { ClientAddressOf } from '../../shared/client-address.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import type { GatewayAdapter } from './adapter.ts';
import { admit, type ConnectionCounter, type OriginRefusals } from './admission.ts';
import { createOriginRefusalLog } from './origin-refusals.ts';
import type { GatewayIo } from './types.ts';

export interface IoDeps {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  adapterRedis: RedisClient;
}

/** What admission decides on; `closing` is set when the gateway shuts down. */
export interface AdmissionState {
  closing: boolean;
  readonly originAllowed: (origin: string | undefined) => boolean;
  readonly counter: ConnectionCounter;
  readonly clientAddress: ClientAddressOf;
  readonly refusals: OriginRefusals;
}

export function createIo(server: HttpServer, deps: IoDeps, admission: AdmissionState, adapter: GatewayAdapter): GatewayIo {
  const { config, logger, metrics } = deps;
  const logRefusedOrigin = createOriginRefusalLog(logger);
  const io: GatewayIo = new Server(server, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: 8 * 1024,
    perMessageDeflate: false,
    httpCompression: false,
    cors: { origin: config.ALLOWED_ORIGINS.includes('*') ? '*' : config.ALLOWED_ORIGINS },
    adapter: adapter.factory,
    allowRequest: (req, callback) => {
      const verdict = admit(req, admission);
      if (verdict.ok) {
        callback(null, true);
        return;
      }
      metrics.rateLimitHits.inc({ kind: verdict.kind });
      if (verdict.kind === 'origin') {
        logRefusedOrigin(req.headers.origin);
        admission.refusals.refuse(req);
        callback(null, true);
        return;
      }
      callback(verdict.message, false);
    },
  });
  io.use(admission.refusals.middleware);
  return io;
}
