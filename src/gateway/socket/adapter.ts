/**
 * The Socket.IO Redis streams adapter carries what must cross gateway instances (connection
 * counts, server-side events). It is never used for headline fan-out: each gateway reads the
 * headline stream itself and broadcasts with `io.local`.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { describeError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import type { Metrics } from '../../shared/metrics.ts';
import { keys } from '../../streams/keys.ts';
import type { RedisClient } from '../../shared/redis.ts';

type AdapterFactory = ReturnType<typeof createAdapter>;

/**
 * The adapter (0.3.1) fires PUBLISH for server-side events without handling its promise: a
 * Redis outage during one would be an unhandled rejection and end the process. This view of
 * the client turns a failed PUBLISH into a logged, counted 0 ("no receivers") instead.
 */
export function guardPublish(client: RedisClient, logger: Logger, metrics: Metrics): RedisClient {
  const guarded = (command: 'publish' | 'spublish') =>
    (...args: Parameters<RedisClient['publish']>): Promise<number> =>
      (client[command] as (...a: Parameters<RedisClient['publish']>) => Promise<number>)(...args).catch((error: unknown) => {
        metrics.errors.inc({ component: 'adapter', code: describeError(error).code });
        logger.warn({ err: describeError(error).message }, 'adapter publish failed');
        return 0;
      });
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'publish' || property === 'spublish') return guarded(property);
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function createGatewayAdapter(client: RedisClient, logger: Logger, metrics: Metrics): AdapterFactory {
  return createAdapter(guardPublish(client, logger, metrics), {
    streamName: keys.socketIoAdapter,
    channelPrefix: keys.socketIoAdapter,
    maxLen: 1_000,
    onlyPlaintext: true,
  });
}
