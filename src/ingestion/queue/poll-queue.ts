/**
 * The poll queue: one BullMQ job scheduler per source, at its interval. Schedulers are
 * upserted at start-up (idempotent, so any number of workers may do it; a new source is
 * polled at once) and schedulers for sources no longer in the file are removed.
 */
import { Queue, type ConnectionOptions } from 'bullmq';
import type { SourceConfig } from '../../config/sources.ts';
import type { Logger } from '../../shared/logger.ts';
import { BULL_PREFIX } from '../../streams/keys.ts';

export const POLL_QUEUE = 'poll';

export interface PollJobData {
  sourceId: string;
  /** Set on retries scheduled after a failure: they run even inside the backoff window. */
  retry?: boolean;
}

export function createPollQueue(connection: ConnectionOptions): Queue<PollJobData> {
  return new Queue<PollJobData>(POLL_QUEUE, {
    connection,
    prefix: BULL_PREFIX,
    defaultJobOptions: { removeOnComplete: { count: 1_000 }, removeOnFail: { count: 5_000 } },
  });
}

export async function syncSchedulers(queue: Queue<PollJobData>, sources: readonly SourceConfig[], logger: Logger): Promise<void> {
  const wanted = new Set(sources.map((s) => s.id));
  for (const source of sources) {
    const every = source.intervalSeconds * 1000;
    const existing = await queue.getJobScheduler(source.id);
    // Unchanged schedulers are left alone, so restarting a worker neither re-polls every
    // source at once nor disturbs a job that is due or being recovered after a crash.
    if (existing?.every === every) continue;
    await queue.upsertJobScheduler(
      source.id,
      { every },
      { name: 'poll', data: { sourceId: source.id } },
    );
  }
  for (const scheduler of await queue.getJobSchedulers(0, -1)) {
    const id = scheduler.key;
    if (!wanted.has(id)) {
      await queue.removeJobScheduler(id);
      logger.info({ source: id }, 'removed scheduler of a source no longer configured');
    }
  }
  logger.info({ sources: sources.map((s) => `${s.id} every ${s.intervalSeconds}s`) }, 'sources scheduled');
}

/** The id of a source's pending retry: one per source, so failures never pile retries up. */
export function retryJobId(sourceId: string): string {
  return `retry-${sourceId}`;
}

/**
 * A one-off retry sooner than the next scheduled poll. While one is pending for the source
 * (waiting, delayed or running) BullMQ ignores the add; a finished retry is removed at once so
 * that the id is free for the next failure.
 */
export async function scheduleRetry(queue: Queue<PollJobData>, sourceId: string, delayMs: number): Promise<void> {
  await queue.add('retry', { sourceId, retry: true }, { delay: delayMs, jobId: retryJobId(sourceId), attempts: 1, removeOnComplete: true, removeOnFail: true });
}
