/**
 * The BullMQ worker that runs poll jobs. A worker killed mid-job loses its lock; BullMQ's
 * stalled-job check hands the job to another worker, and the idempotent store makes the
 * re-run store each headline once.
 */
import { DelayedError, Worker, type ConnectionOptions, type Job, type Queue } from 'bullmq';
import type { SourceConfig } from '../../config/sources.ts';
import { pollSource, type PollDeps, type PollOutcome } from '../poll/poll-source.ts';
import { describeError } from '../../shared/errors.ts';
import type { Logger } from '../../shared/logger.ts';
import { BULL_PREFIX } from '../../streams/keys.ts';
import { POLL_QUEUE, retryJobId, scheduleRetry, type PollJobData } from './poll-queue.ts';

/** A job whose source was deleted or paused since it was queued does nothing. */
export type PollJobOutcome = PollOutcome | { kind: 'skipped'; reason: 'no-such-source' | 'paused' };

export interface PollWorkerOptions {
  connection: ConnectionOptions;
  queue: Queue<PollJobData>;
  /** The source as it is now (the store in Redis, not a copy taken at start): a job runs with the latest settings. */
  sources: { get(id: string): Promise<SourceConfig | undefined> };
  deps: PollDeps;
  logger: Logger;
  concurrency: number;
  lockDurationMs: number;
  /** Worker errors (connection errors included: the caller knows whether Redis is down). */
  onError: (error: Error) => void;
}

/** Created stopped: `run()` starts it once Redis answers and its schedulers are in place. */

export function createPollWorker(options: PollWorkerOptions): Worker<PollJobData, PollJobOutcome> {
  const processor = async (job: Job<PollJobData, PollJobOutcome>, token?: string): Promise<PollJobOutcome> => {
    // Read when the job starts: a source deleted or paused before then is not polled, even by a
    // job its scheduler queued earlier or a retry scheduled before the change.
    const source = await options.sources.get(job.data.sourceId);
    if (source === undefined) return { kind: 'skipped', reason: 'no-such-source' };
    if (source.paused && job.data.manual !== true) return { kind: 'skipped', reason: 'paused' };
    const outcome = await pollSource(options.deps, source, { ignoreBackoff: job.data.retry === true || job.data.manual === true });
    if (outcome.kind === 'failed' && outcome.retryInMs < source.intervalSeconds * 1000) {
      if (job.id === retryJobId(source.id)) {
        // This job holds the source's retry id, so adding another would be ignored: it moves
        // itself back to delayed instead (BullMQ's pattern for a job that reschedules itself).
        await job.moveToDelayed(Date.now() + outcome.retryInMs, token);
        throw new DelayedError();
      }
      await scheduleRetry(options.queue, source.id, outcome.retryInMs);
    }
    return outcome;
  };
  const worker = new Worker<PollJobData, PollJobOutcome>(POLL_QUEUE, processor, {
    connection: options.connection,
    prefix: BULL_PREFIX,
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs,
    stalledInterval: Math.max(1_000, Math.floor(options.lockDurationMs / 2)),
    maxStalledCount: 3,
    autorun: false,
  });
  worker.on('failed', (job, error) => {
    options.logger.error({ job: job?.id, source: job?.data.sourceId, err: describeError(error) }, 'poll job failed');
  });
  worker.on('error', options.onError);
  return worker;
}
