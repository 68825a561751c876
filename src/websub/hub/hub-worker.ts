/**
 * The worker side of the hub: runs verify and deliver jobs, and sweeps subscriptions whose
 * lease has ended (a subscriber that keeps failing is dropped then, W3C WebSub §5.1 leases).
 */
import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import { describeError } from '../../shared/errors.ts';
import { runDeliver, runVerify, type HubJobDeps } from './hub-jobs.ts';
import { BULL_PREFIX } from '../../streams/keys.ts';
import { WEBSUB_QUEUE, type HubJobData } from './hub-queue.ts';

const SWEEP_EVERY_MS = 60_000;

export interface HubWorker {
  close(): Promise<void>;
}

/** `onError`: worker errors (Redis outages among them) go to the caller's outage-aware logging. */
export function startHubWorker(connection: ConnectionOptions, deps: HubJobDeps, concurrency: number, onError: (error: Error) => void): HubWorker {
  const processor = async (job: Job<HubJobData>): Promise<string> => {
    if (job.data.kind === 'verify') return runVerify(deps, job.data);
    const attempts = job.opts.attempts ?? 1;
    return runDeliver(deps, job.data, { number: job.attemptsMade + 1, last: job.attemptsMade + 1 >= attempts });
  };
  const worker = new Worker<HubJobData, string>(WEBSUB_QUEUE, processor, { connection, prefix: BULL_PREFIX, concurrency });
  worker.on('failed', (job, error) => {
    deps.logger.warn({ job: job?.name, attempt: job?.attemptsMade, err: error.message }, 'websub job failed');
  });
  worker.on('error', (error) => {
    deps.metrics.errors.inc({ component: 'websub-worker', code: describeError(error).code });
    onError(error);
  });

  const sweep = async (): Promise<void> => {
    try {
      const removed = await deps.subscriptions.sweepExpired();
      if (removed > 0) deps.logger.info({ removed }, 'websub: subscriptions expired');
      deps.metrics.websubSubscriptions.set(await deps.subscriptions.count());
    } catch (error) {
      deps.metrics.errors.inc({ component: 'websub-sweep', code: describeError(error).code });
      deps.logger.warn({ err: describeError(error).message }, 'websub: expiry sweep failed; next sweep retries');
    }
  };
  void sweep();
  const timer = setInterval(() => void sweep(), SWEEP_EVERY_MS);
  timer.unref();

  return {
    close: async () => {
      clearInterval(timer);
      await worker.close();
    },
  };
}
