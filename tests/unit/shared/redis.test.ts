import { Cluster } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { loadConfig, redisTarget, type RedisTarget } from '../../../src/config/env.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { createRedis, describeRedisTarget, RedisOutageLog } from '../../../src/shared/redis.ts';

function target(env: Record<string, string>): RedisTarget {
  const chosen = redisTarget(loadConfig(env));
  if (chosen === undefined) throw new Error('no Redis configured');
  return chosen;
}

describe('the Redis client factory', () => {
  it('describes each mode for logs without credentials', () => {
    expect(describeRedisTarget(target({ REDIS_URL: 'redis://user:secret@r:6380/2' }))).toBe('redis://r:6380/2');
    expect(describeRedisTarget(target({ REDIS_SENTINELS: 's1:26379,s2:26380', REDIS_SENTINEL_NAME: 'nt' }))).toBe('sentinel master nt via s1:26379,s2:26380');
    expect(describeRedisTarget(target({ REDIS_CLUSTER_NODES: 'a:7000' }))).toBe('cluster a:7000');
  });

  it('builds a Cluster client for REDIS_CLUSTER_NODES: history reads replicas, every other role the masters', () => {
    const outage = new RedisOutageLog('cluster', createLogger('silent'));
    const roles = ['commands', 'blocking', 'bullmq', 'adapter', 'history'] as const;
    const clients = roles.map((role) => ({ role, client: createRedis(target({ REDIS_CLUSTER_NODES: '127.0.0.1:1' }), role, outage) }));
    try {
      for (const { role, client } of clients) {
        if (!(client instanceof Cluster)) throw new Error(`${role}: not a Cluster client`);
        expect({ role, scaleReads: client.options.scaleReads }).toEqual({ role, scaleReads: role === 'history' ? 'slave' : 'master' });
        // BullMQ refuses a blocking connection that gives up on commands; the commands client must give up.
        expect({ role, retries: client.options.redisOptions?.maxRetriesPerRequest }).toEqual({ role, retries: role === 'commands' || role === 'history' ? 2 : null });
      }
    } finally {
      for (const { client } of clients) client.disconnect();
    }
  });
});
