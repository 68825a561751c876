/**
 * What the Socket.IO server does on a timer: drop sockets whose unsent output passed the limit
 * (slow consumers), and gauge the cluster (gateways, sockets on all of them) through the adapter.
 */
import { describeError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import type { GatewayIo, GatewaySocket } from './types.ts';

const SLOW_CHECK_MS = 500;
const CLUSTER_METRICS_MS = 2_000;

export type StopSweep = () => void;

export interface SlowConsumerSweep {
  sockets(): Iterable<GatewaySocket>;
  /** Bytes queued for the socket that its client has not taken yet. */
  bufferedBytes(socket: GatewaySocket): number;
  maxBufferedBytes: number;
  drop(socket: GatewaySocket, reason: string): void;
}

export function sweepSlowConsumers(sweep: SlowConsumerSweep): StopSweep {
  const timer = setInterval(() => {
    for (const socket of sweep.sockets()) {
      const bytes = sweep.bufferedBytes(socket);
      if (bytes > sweep.maxBufferedBytes) sweep.drop(socket, `${bytes} bytes unsent`);
    }
  }, SLOW_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Gateways in the cluster and their sockets, every 2 s; a failure is counted, and logged once until it recovers. */
export function gaugeCluster(io: GatewayIo, localSockets: () => number, deps: { logger: Logger; metrics: Metrics }): StopSweep {
  const { logger, metrics } = deps;
  io.on('socketCount', (reply) => reply(localSockets()));
  let failures = 0;
  const timer = setInterval(() => {
    void (async () => {
      try {
        metrics.gatewayServers.set(await io.of('/').adapter.serverCount());
        const remote = await io.serverSideEmitWithAck('socketCount');
        metrics.gatewayClusterSockets.set(localSockets() + remote.reduce((sum, count) => sum + count, 0));
        failures = 0;
      } catch (error) {
        failures += 1;
        metrics.errors.inc({ component: 'adapter', code: describeError(error).code });
        if (failures === 1) logger.warn({ err: describeError(error).message }, 'cluster metrics unavailable');
      }
    })();
  }, CLUSTER_METRICS_MS);
  timer.unref();
  return () => clearInterval(timer);
}
