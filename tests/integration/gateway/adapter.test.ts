/** guardPublish: a PUBLISH the adapter fires and forgets cannot become an unhandled rejection. */
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { guardPublish } from '../../../src/gateway/socket/adapter.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { createMetrics, type Metrics } from '../../../src/shared/metrics.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';

const db = usePrivateRedis();

async function adapterErrors(metrics: Metrics): Promise<number> {
  return (await metrics.errors.get()).values.filter((v) => v.labels.component === 'adapter').reduce((sum, v) => sum + v.value, 0);
}

describe('guardPublish', () => {
  it('passes PUBLISH and every other command through while Redis answers', async () => {
    const metrics = createMetrics();
    const guarded = guardPublish(db.redis, createLogger('silent'), metrics);
    const subscriber = db.redis.duplicate();
    try {
      await subscriber.subscribe('guard-test');
      expect(await guarded.publish('guard-test', 'hello')).toBe(1);
      await guarded.set('guard-key', 'v');
      expect(await guarded.get('guard-key')).toBe('v');
      expect(await adapterErrors(metrics)).toBe(0);
    } finally {
      subscriber.disconnect();
    }
  });

  it('turns a failed PUBLISH or SPUBLISH into a counted 0 instead of a rejection', async () => {
    const metrics = createMetrics();
    // A client that fails commands at once instead of queueing them for a reconnect.
    const down = new Redis(db.redis.options.port ?? 6379, '127.0.0.1', { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    const guarded = guardPublish(down, createLogger('silent'), metrics);
    await expect(down.publish('x', 'y')).rejects.toThrow();
    expect(await guarded.publish('x', 'y')).toBe(0);
    expect(await guarded.spublish('x', 'y')).toBe(0);
    expect(await adapterErrors(metrics)).toBe(2);
    // Other commands are not swallowed.
    await expect(guarded.get('x')).rejects.toThrow();
    down.disconnect();
  });
});
