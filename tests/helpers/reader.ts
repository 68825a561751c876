/** A HeadlineReader over a test Redis, with a silent logger and its own metrics (read them to see what it counted). */
import type { Redis } from 'ioredis';
import { createLogger } from '../../src/shared/logger.ts';
import { createMetrics, type Metrics } from '../../src/shared/metrics.ts';
import { HeadlineReader } from '../../src/streams/reader.ts';
import { beforeEach } from 'vitest';
import { usePrivateRedis } from './private-redis.ts';

export function testReader(redis: Redis, metrics: Metrics = createMetrics(), scanBudget?: number): HeadlineReader {
  return new HeadlineReader(redis, { logger: createLogger('silent'), metrics, ...(scanBudget === undefined ? {} : { scanBudget }) });
}

/** A test file's private Redis (usePrivateRedis) and a reader over it, fresh before each test. */
export function usePrivateReader(): { readonly redis: Redis; readonly reader: HeadlineReader } {
  const privateRedis = usePrivateRedis();
  let reader: HeadlineReader | undefined;
  beforeEach(() => {
    reader = testReader(privateRedis.redis);
  });
  return {
    get redis(): Redis {
      return privateRedis.redis;
    },
    get reader(): HeadlineReader {
      if (reader === undefined) throw new Error('the reader is made in beforeEach');
      return reader;
    },
  };
}
