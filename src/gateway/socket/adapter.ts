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

export interface GatewayAdapter {
  readonly factory: AdapterFactory;
  /** Disconnects the connections the adapter opened; after its own close. */
  disconnect(): void;
}

/**
 * The adapter opens connections of its own with `duplicate()` (one reads its stream, one
 * subscribes) and on close disconnects the reader only when its XREAD BLOCK next returns. Once
 * Redis is gone that never happens (ioredis holds the command and reconnects for ever), and the
 * connection keeps the process alive; so the duplicates are made through this client's view,
 * kept, and disconnected when the gateway closes.
 */
export function createGatewayAdapter(client: RedisClient, logger: Logger, metrics: Metrics): GatewayAdapter {
  const opened: RedisClient[] = [];
  const guarded = guardPublish(client, logger, metrics);
  const tracked = new Proxy(guarded, {
    get(target, property, receiver) {
      if (property !== 'duplicate') return Reflect.get(target, property, receiver) as unknown;
      // The adapter asks for plain copies (no options).
      return (): RedisClient => {
        const duplicate = client.duplicate();
        opened.push(duplicate);
        return duplicate;
      };
    },
  });
  const factory = createAdapter(tracked, {
    streamName: keys.socketIoAdapter,
    channelPrefix: keys.socketIoAdapter,
    maxLen: 1_000,
    onlyPlaintext: true,
  });
  return { factory, disconnect: () => opened.forEach((duplicate) => duplicate.disconnect()) };
}
