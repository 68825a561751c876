/**
 * A worker's start reconciles the poll schedulers once, and a change made afterwards reaches
 * them again. Each reconcile takes the scheduler lock first (SchedulerSync), so the lock's SETs
 * that Redis receives, read back with MONITOR, count the reconciles.
 */
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../../../src/app/service.ts';
import { createPollQueue, type PollJobData } from '../../../src/ingestion/queue/poll-queue.ts';
import { keys } from '../../../src/streams/keys.ts';
import { startTestRedis, type TestRedis } from '../../helpers/redis-server.ts';
import { startTestService, TEST_EDITOR_KEY } from '../../helpers/service.ts';
import { waitFor } from '../../helpers/wait.ts';

const SOURCES = 5;

let redisServer: TestRedis;
let monitorClient: Redis;
/** MONITOR runs on a connection of its own, which must be closed too. */
let monitor: Redis;
let queueClient: Redis;
let queue: Queue<PollJobData>;
let service: RunningService | undefined;
const lockTaken: string[][] = [];
const echoed = new Set<string>();

/** Resolves once MONITOR has shown everything Redis ran before now (it shows commands in the order Redis ran them). */
async function monitorCaughtUp(): Promise<void> {
  const marker = `caught-up-${echoed.size}-${Date.now()}`;
  await queueClient.echo(marker);
  await waitFor(() => echoed.has(marker), { what: 'MONITOR to show the marker' });
}

/** A source whose polls fail at once (nothing listens on port 9): what is counted here is scheduling, not polling. */
const source = (id: string) => ({ id, name: `Feed ${id}`, type: 'feed', url: `http://127.0.0.1:9/${id}.xml`, intervalSeconds: 600 });

beforeAll(async () => {
  redisServer = await startTestRedis();
  monitorClient = new Redis(redisServer.url);
  monitor = await monitorClient.monitor();
  monitor.on('monitor', (_time: string, args: string[]) => {
    if (args[0]?.toLowerCase() === 'set' && args[1] === keys.sourcesSchedulerLock) lockTaken.push(args);
    if (args[0]?.toLowerCase() === 'echo' && args[1] !== undefined) echoed.add(args[1]);
  });
  queueClient = new Redis(redisServer.url, { maxRetriesPerRequest: null });
  queue = createPollQueue(queueClient);
});
afterAll(async () => {
  await service?.stop();
  await queue.close();
  queueClient.disconnect();
  monitor.disconnect();
  monitorClient.disconnect();
  await redisServer.cleanup();
});

describe('poll schedulers at start-up', () => {
  it('are reconciled once on a fresh start with several sources, and again on a later change', async () => {
    const ids = Array.from({ length: SOURCES }, (_, index) => `feed-${index + 1}`);
    const running = await startTestService({ REDIS_URL: redisServer.url }, ids.map(source));
    service = running;
    // Ready means the start-up work, the first reconcile included, is over.
    await waitFor(async () => (await fetch(`${running.url}/readyz`)).status === 200, { what: 'the service to be ready' });
    const scheduled = (await queue.getJobSchedulers(0, -1)).map((scheduler) => scheduler.key).sort();
    expect(scheduled).toEqual(ids);
    // Readiness waits for the reconciles start-up asked for, so each has taken the lock by now.
    await monitorCaughtUp();
    expect(lockTaken).toHaveLength(1);

    // The live path: a source added through the API is scheduled by one more reconcile.
    const added = await fetch(`${running.url}/api/sources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_EDITOR_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(source('feed-added')),
    });
    expect(added.status).toBe(201);
    await waitFor(async () => (await queue.getJobScheduler('feed-added')) ?? undefined, { what: 'the added source to be scheduled' });
    await monitorCaughtUp();
    expect(lockTaken).toHaveLength(2);
  });
});
