/** The poll queue: one job scheduler per configured source, and at most one pending retry per source. */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPollQueue, retryJobId, scheduleRetry, syncSchedulers, type PollJobData } from '../../../src/ingestion/queue/poll-queue.ts';
import { createLogger } from '../../../src/shared/logger.ts';
import { usePrivateRedis } from '../../helpers/private-redis.ts';
import { oneSource } from '../../helpers/sources.ts';

const db = usePrivateRedis();
const logger = createLogger('silent');
const source = (id: string, intervalSeconds: number) => oneSource({ id, name: id, type: 'feed', url: `https://example.com/${id}.xml`, intervalSeconds });

let connection: Redis;
let queue: Queue<PollJobData>;

beforeEach(() => {
  connection = db.redis.duplicate({ maxRetriesPerRequest: null });
  queue = createPollQueue(connection);
});
afterEach(async () => {
  await queue.close();
  connection.disconnect();
});

async function schedulers(): Promise<Record<string, number | undefined>> {
  const list = await queue.getJobSchedulers(0, -1);
  return Object.fromEntries(list.map((s) => [s.key, s.every ?? undefined]));
}

describe('syncSchedulers', () => {
  it('upserts one scheduler per source at its interval and removes those of sources no longer configured', async () => {
    await syncSchedulers(queue, [source('a', 60), source('b', 120)], logger);
    expect(await schedulers()).toEqual({ a: 60_000, b: 120_000 });

    await syncSchedulers(queue, [source('a', 30)], logger);
    expect(await schedulers()).toEqual({ a: 30_000 });
  });

  it('leaves an unchanged scheduler alone, so a restart does not re-poll every source at once', async () => {
    await syncSchedulers(queue, [source('a', 600)], logger);
    const before = await queue.getJobScheduler('a');
    await syncSchedulers(queue, [source('a', 600)], logger);
    const after = await queue.getJobScheduler('a');
    expect(after?.next).toBe(before?.next);
    // Still the one job the first upsert queued (due at once): no second poll was added.
    const counts = await queue.getJobCounts('delayed', 'waiting');
    expect((counts.delayed ?? 0) + (counts.waiting ?? 0)).toBe(1);
  });
});

describe('scheduleRetry', () => {
  it('keeps one pending retry per source, however many failures ask for one', async () => {
    await scheduleRetry(queue, 'a', 60_000);
    await scheduleRetry(queue, 'a', 30_000);
    await scheduleRetry(queue, 'b', 60_000);
    const delayed = await queue.getDelayed();
    expect(delayed.map((job) => job.id).sort()).toEqual([retryJobId('a'), retryJobId('b')]);
    expect(delayed.find((job) => job.id === retryJobId('a'))?.data).toEqual({ sourceId: 'a', retry: true });
  });

  it('frees the id once the retry has run, so the next failure can schedule another', async () => {
    await scheduleRetry(queue, 'a', 60_000);
    const job = await queue.getJob(retryJobId('a'));
    expect(job?.opts.removeOnComplete).toBe(true);
    expect(job?.opts.removeOnFail).toBe(true);
    await job?.remove();
    await scheduleRetry(queue, 'a', 1_000);
    expect((await queue.getJob(retryJobId('a')))?.delay).toBe(1_000);
  });
});
