/**
 * The poll queue: one BullMQ job scheduler per active source, at its interval. Schedulers are
 * upserted whenever the sources change (idempotent; a new or resumed source is polled at once)
 * and the schedulers of sources deleted or paused are removed (see scheduler-sync.ts).
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
  /** "Poll now" (POST /api/sources/:id/poll): runs inside the backoff window and while paused. */
  manual?: boolean;
}

export function createPollQueue(connection: ConnectionOptions): Queue<PollJobData> {
  return new Queue<PollJobData>(POLL_QUEUE, {
    connection,
    prefix: BULL_PREFIX,
    defaultJobOptions: { removeOnComplete: { count: 1_000 }, removeOnFail: { count: 5_000 } },
  });
}

/** Makes the schedulers match `sources` (the active ones); says what it changed, if anything. */
export async function syncSchedulers(queue: Queue<PollJobData>, sources: readonly SourceConfig[], logger: Logger): Promise<void> {
  const wanted = new Set(sources.map((s) => s.id));
  // One read of every scheduler (BullMQ fetches them in parallel), not one round trip per source.
  const existing = new Map((await queue.getJobSchedulers(0, -1)).map((scheduler) => [scheduler.key, scheduler.every]));
  const upserted: string[] = [];
  for (const source of sources) {
    const every = source.intervalSeconds * 1000;
    // Unchanged schedulers are left alone, so restarting a worker neither re-polls every
    // source at once nor disturbs a job that is due or being recovered after a crash.
    if (existing.get(source.id) === every) continue;
    await queue.upsertJobScheduler(
      source.id,
      { every },
      { name: 'poll', data: { sourceId: source.id } },
    );
    upserted.push(`${source.id} every ${source.intervalSeconds}s`);
  }
  const removed: string[] = [];
  for (const id of existing.keys()) {
    if (!wanted.has(id)) {
      await queue.removeJobScheduler(id);
      removed.push(id);
    }
  }
  if (upserted.length > 0 || removed.length > 0) logger.info({ scheduled: upserted, removed, active: sources.length }, 'poll schedulers updated');
}

/** One pending "poll now" per source: asking again while one waits adds nothing. */
export function pollNowJobId(sourceId: string): string {
  return `poll-now-${sourceId}`;
}

/** Queues a poll of `sourceId` for the first free worker, whatever its schedule, backoff or pause. */
export async function requestPollNow(queue: Queue<PollJobData>, sourceId: string): Promise<void> {
  await queue.add('poll-now', { sourceId, manual: true }, { jobId: pollNowJobId(sourceId), attempts: 1, removeOnComplete: true, removeOnFail: true });
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
