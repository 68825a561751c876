import { describe, expect, it } from 'vitest';
import { loadConfig, redisTarget, type RedisTarget } from '../../../src/config/env.ts';
import { ConfigError } from '../../../src/shared/errors.ts';
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

  it('refuses a Cluster with a message naming REDIS_CLUSTER_NODES, opening nothing', () => {
    const outage = new RedisOutageLog('cluster', createLogger('silent'));
    expect(() => createRedis(target({ REDIS_CLUSTER_NODES: '127.0.0.1:1' }), 'commands', outage)).toThrow(ConfigError);
    expect(() => createRedis(target({ REDIS_CLUSTER_NODES: '127.0.0.1:1' }), 'commands', outage)).toThrow(/REDIS_CLUSTER_NODES/);
  });
});
