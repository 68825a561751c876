/** Real poll dependencies over a test Redis, for driving pollSource directly. */
import type { Redis } from 'ioredis';
import { tagHeadline } from '../../src/classification/index.ts';
import { ParserPool } from '../../src/ingestion/parse/parser-pool.ts';
import type { PollDeps } from '../../src/ingestion/poll/poll-source.ts';
import { SourceStateStore } from '../../src/ingestion/sources/source-state.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { createMetrics } from '../../src/shared/metrics.ts';
import { HeadlineStore } from '../../src/streams/store.ts';

// One real pool per test file; its idle threads do not keep the process alive.
let parser: ParserPool | undefined;

export function pollDeps(redis: Redis, overrides: Partial<PollDeps['fetchLimits']> = {}): PollDeps {
  parser ??= new ParserPool({ threads: 2, timeBudgetMs: 10_000 });
  return {
    store: new HeadlineStore(redis, { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 7 * 86_400 }),
    state: new SourceStateStore(redis),
    tag: tagHeadline,
    logger: createLogger('silent'),
    metrics: createMetrics(),
    parser,
    fetchLimits: { timeoutMs: 5_000, maxBytes: 5 * 1024 * 1024, allowPrivate: true, ...overrides },
  };
}
