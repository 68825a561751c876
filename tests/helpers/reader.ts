/** A HeadlineReader over a test Redis, with a silent logger and its own metrics (read them to see what it counted). */
import type { Redis } from 'ioredis';
import { createLogger } from '../../src/shared/logger.ts';
import { createMetrics, type Metrics } from '../../src/shared/metrics.ts';
import { HeadlineReader } from '../../src/streams/reader.ts';

export function testReader(redis: Redis, metrics: Metrics = createMetrics(), scanBudget?: number): HeadlineReader {
  return new HeadlineReader(redis, { logger: createLogger('silent'), metrics, ...(scanBudget === undefined ? {} : { scanBudget }) });
}
