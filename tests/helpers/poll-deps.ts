/** Real poll dependencies over a test Redis, for driving pollSource directly. */
import type { Redis } from 'ioredis';
import { tagHeadline } from '../../src/classification/index.ts';
import type { PollDeps } from '../../src/ingestion/poll/poll-source.ts';
import { SourceStateStore } from '../../src/ingestion/sources/source-state.ts';
import { createLogger } from '../../src/shared/logger.ts';
import { createMetrics } from '../../src/shared/metrics.ts';
import { HeadlineStore } from '../../src/streams/store.ts';
import { ChangeStore } from '../../src/streams/changes.ts';
import { createAuditLog } from '../../src/editorial/audit.ts';
import { HeadlineEditor } from '../../src/editorial/editor.ts';

const limits = { allStreamMaxLen: 10_000, channelStreamMaxLen: 1_000, dedupeTtlSeconds: 7 * 86_400 };

/** The editor as the service builds it, over `redis`. */
export function testEditor(redis: Redis, metrics = createMetrics()): HeadlineEditor {
  return new HeadlineEditor({ changes: new ChangeStore(redis, limits), audit: createAuditLog(redis), logger: createLogger('silent'), metrics });
}

/** Wired as the service wires them: a repeat with a changed title or link becomes a correction. */
export function pollDeps(redis: Redis, overrides: Partial<PollDeps['fetchLimits']> = {}): PollDeps {
  const store = new HeadlineStore(redis, limits);
  const logger = createLogger('silent');
  const metrics = createMetrics();
  store.useSourceCorrector(testEditor(redis, metrics));
  return {
    store,
    state: new SourceStateStore(redis),
    tag: tagHeadline,
    logger,
    metrics,
    fetchLimits: { timeoutMs: 5_000, maxBytes: 5 * 1024 * 1024, allowPrivate: true, ...overrides },
  };
}
