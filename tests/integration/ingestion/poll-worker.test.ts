/** The poll worker: a failing source gets one pending retry, and a retry that fails again moves itself back. */
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPollQueue, retryJobId, type PollJobData } from '../../../src/ingestion/queue/poll-queue.ts';
import { createPollWorker, type PollJobOutcome } from '../../../src/ingestion/queue/poll-worker.ts';
import { SourceStore } from '../../../src/ingestion/sources/source-store.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { createMetrics } from '../../../src/shared/metrics.ts';
import { pollDeps } from '../../helpers/poll-deps.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';
import { freePort } from '../../helpers/redis-server.ts';
import { oneSource } from '../../helpers/sources.ts';
import { waitFor } from '../../helpers/wait.ts';

const db = usePrivateRedis();

let connection: Redis;
let queue: Queue<PollJobData>;
let worker: Worker<PollJobData, PollJobOutcome>;

beforeEach(async () => {
  connection = db.redis.duplicate({ maxRetriesPerRequest: null });
  queue = createPollQueue(connection);
  // Nothing listens on this port: every poll fails at once with a short backoff.
  const down = oneSource({ id: 'down', name: 'Down', type: 'feed', url: `http://127.0.0.1:${await freePort()}/feed.xml`, intervalSeconds: 3_600 });
  const logger = createLogger('silent');
  const sources = new SourceStore(db.redis, { logger, metrics: createMetrics() });
  await sources.load([down]); // seeds the store the worker reads each job's source from
  worker = createPollWorker({ connection, queue, sources, deps: pollDeps(db.redis), logger, concurrency: 1, lockDurationMs: 30_000, onError: () => undefined });
  void worker.run();
});
afterEach(async () => {
  await worker.close();
  await queue.close();
  connection.disconnect();
});

/** The retry job once it has run `runs` times and sits delayed again. */
async function retryDelayedAfter(runs: number) {
  return waitFor(
    async () => {
      const job = await queue.getJob(retryJobId('down'));
      if (job === undefined || job.attemptsStarted < runs) return undefined;
      return (await job.getState()) === 'delayed' ? job : undefined;
    },
    { what: `the retry job delayed after ${runs} run(s)` },
  );
}

describe('createPollWorker', () => {
  it('schedules one retry for a failed poll, and a failed retry reschedules itself instead of adding another', async () => {
    await queue.add('poll', { sourceId: 'down' });
    const first = await waitFor(() => queue.getJob(retryJobId('down')), { what: 'a retry after the failed poll' });
    expect(first.data).toEqual({ sourceId: 'down', retry: true });

    await first.promote();
    const again = await retryDelayedAfter(1);
    expect(again.id).toBe(retryJobId('down'));
    const counts = await queue.getJobCounts('delayed', 'waiting', 'active', 'failed');
    expect(counts).toEqual({ delayed: 1, waiting: 0, active: 0, failed: 0 });
    expect((await queue.getDelayed()).map((job) => job.id)).toEqual([retryJobId('down')]);
  });
});
